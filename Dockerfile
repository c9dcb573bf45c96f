# The studio image used by docker-compose.yml. Three stages: browser assets and the ANTLR jar from npm, the .NET
# build (which runs the ANTLR tool, hence Java), and a runtime image with only the published app.

FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY studio/Tariff.Studio/client studio/Tariff.Studio/client
RUN node studio/Tariff.Studio/client/build.mjs

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
COPY --from=assets /src/node_modules node_modules
COPY --from=assets /src/studio/Tariff.Studio/wwwroot/lib studio/Tariff.Studio/wwwroot/lib
RUN dotnet publish studio/Tariff.Studio/Tariff.Studio.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:5080
EXPOSE 5080
HEALTHCHECK --interval=15s --timeout=5s --retries=5 CMD curl -fsS http://127.0.0.1:5080/healthz || exit 1
ENTRYPOINT ["dotnet", "Tariff.Studio.dll"]
