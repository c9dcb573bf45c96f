using System.Globalization;
using System.Text;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Tariff.Engine.Diagnostics;
using Tariff.Grammar;
using static Tariff.Grammar.TariffParser;

namespace Tariff.Engine.Syntax;

/// <summary>
/// Turns ANTLR's parse tree into our immutable syntax tree. Parts the parser could not recover are left out (the
/// parser already reported them); what is said twice or missing is reported here, with the exact span.
/// </summary>
internal sealed class SyntaxTreeBuilder(DiagnosticBag diagnostics, BufferedTokenStream tokens)
{
    /// <summary>Comment lines inside declarations, which the canonical form does not keep.</summary>
    public int InnerComments { get; private set; }

    public DocumentSyntax Build(DocumentContext document)
    {
        var declarations = new List<DeclarationSyntax>();
        foreach (var declaration in document.declaration())
        {
            DeclarationSyntax? built = declaration switch
            {
                MeterDeclarationContext meter when IsPresent(meter.name) => BuildMeter(meter),
                PlanDeclarationContext plan when IsPresent(plan.name) => BuildPlan(plan),
                ScheduleDeclarationContext schedule when IsPresent(schedule.name) => BuildSchedule(schedule),
                QueryDeclarationContext query when IsPresent(query.name) => BuildQuery(query),
                _ => null,
            };
            if (built is not null)
            {
                declarations.Add(built with { LeadingComments = CommentsBefore(declaration) });
            }
        }

        var allComments = tokens.GetTokens().Count(t => t.Channel == TariffLexer.COMMENTS);
        InnerComments = allComments - declarations.Sum(d => d.LeadingComments.Count);
        return new DocumentSyntax(declarations) { Span = SyntaxSpans.Of(document) };
    }

    private string[] CommentsBefore(ParserRuleContext declaration) =>
        tokens.GetHiddenTokensToLeft(declaration.Start.TokenIndex, TariffLexer.COMMENTS) is { } comments
            ? [.. comments.Select(c => c.Text.TrimEnd())]
            : [];

    // ---- Meters ---------------------------------------------------------------------------------------------

    private MeterSyntax BuildMeter(MeterDeclarationContext context)
    {
        AggregationSyntax? aggregation = null;
        QuantityRoundingSyntax? rounding = null;
        string? unit = null;
        var filters = new List<ConditionSyntax>();
        var groupBy = new List<FieldSyntax>();
        var scaling = new List<ScaleSyntax>();
        var seen = new Dictionary<string, ParserRuleContext>();

        foreach (var item in context.meterItem().Where(i => !IsBroken(i)))
        {
            switch (item)
            {
                case CountItemContext count when Once(seen, "aggregation", count, "a meter has one aggregation"):
                    aggregation = new AggregationSyntax(AggregationFunction.Count, null) { Span = SyntaxSpans.Of(count) };
                    break;
                case AggregateItemContext aggregate when Once(seen, "aggregation", aggregate, "a meter has one aggregation"):
                    aggregation = new AggregationSyntax(FunctionOf(aggregate.function), Field(aggregate.field())) { Span = SyntaxSpans.Of(aggregate) };
                    break;
                case WhereItemContext where:
                    filters.Add(Condition(where.condition()));
                    break;
                case GroupByItemContext group when Once(seen, "group by", group, "a meter has one `group by`; list every field in it"):
                    groupBy.AddRange(group.field().Select(Field));
                    break;
                case DivideItemContext divide:
                    scaling.Add(new ScaleSyntax(ScaleOperation.Divide, Number(divide.number())) { Span = SyntaxSpans.Of(divide) });
                    break;
                case MultiplyItemContext multiply:
                    scaling.Add(new ScaleSyntax(ScaleOperation.Multiply, Number(multiply.number())) { Span = SyntaxSpans.Of(multiply) });
                    break;
                case RoundItemContext round when Once(seen, "round", round, "a meter is rounded once"):
                    rounding = new QuantityRoundingSyntax(Name(round.rounding), round.number() is { } places ? Places(places) : 0) { Span = SyntaxSpans.Of(round) };
                    break;
                case UnitItemContext unitItem when Once(seen, "unit", unitItem, "a meter has one unit"):
                    unit = StringValue(unitItem.STRING().Symbol);
                    break;
            }
        }

        if (aggregation is null)
        {
            diagnostics.Error(DiagnosticIds.MissingItem, SyntaxSpans.Of(context.name),
                $"meter `{context.name.Text}` says nothing to count; add `count`, or `sum`, `max`, `min`, `unique`, `latest` or `time_weighted` with a field");
        }

        return new MeterSyntax(Name(context.name), aggregation, filters, groupBy, scaling, rounding, unit) { Span = SyntaxSpans.Of(context) };
    }

    private static AggregationFunction FunctionOf(IToken function) => function.Type switch
    {
        SUM => AggregationFunction.Sum,
        MAX => AggregationFunction.Max,
        MIN => AggregationFunction.Min,
        UNIQUE => AggregationFunction.Unique,
        LATEST => AggregationFunction.Latest,
        _ => AggregationFunction.TimeWeighted,
    };

    private ConditionSyntax Condition(ConditionContext context)
    {
        ConditionSyntax condition = context switch
        {
            ParenthesizedConditionContext parenthesized => Condition(parenthesized.condition()),
            ComparisonConditionContext comparison => new ComparisonConditionSyntax(Field(comparison.field()), OperatorOf(comparison.op), Literal(comparison.literal())),
            InConditionContext @in => new InConditionSyntax(Field(@in.field()), @in.NOT() is not null, [.. @in.literal().Select(Literal)]),
            BetweenConditionContext between => new BetweenConditionSyntax(Field(between.field()), between.NOT() is not null, Literal(between.low), Literal(between.high)),
            StartsWithConditionContext startsWith => new StartsWithConditionSyntax(Field(startsWith.field()), StringValue(startsWith.STRING().Symbol)),
            MatchesConditionContext matches => new MatchesConditionSyntax(Field(matches.field()), StringValue(matches.STRING().Symbol)),
            NotConditionContext not => new NotConditionSyntax(Condition(not.condition())),
            AndConditionContext and => new AndConditionSyntax(Condition(and.condition(0)), Condition(and.condition(1))),
            OrConditionContext or => new OrConditionSyntax(Condition(or.condition(0)), Condition(or.condition(1))),
            _ => throw new InvalidOperationException($"Unknown condition {context.GetType().Name}."),
        };
        return context is ParenthesizedConditionContext ? condition : condition with { Span = SyntaxSpans.Of(context) };
    }

    private static ComparisonOperator OperatorOf(IToken op) => op.Type switch
    {
        EQ => ComparisonOperator.Equal,
        NEQ => ComparisonOperator.NotEqual,
        LT => ComparisonOperator.Less,
        LE => ComparisonOperator.LessOrEqual,
        GT => ComparisonOperator.Greater,
        _ => ComparisonOperator.GreaterOrEqual,
    };

    private LiteralSyntax Literal(LiteralContext context) => context switch
    {
        StringLiteralContext text => new LiteralSyntax(StringValue(text.STRING().Symbol), null) { Span = SyntaxSpans.Of(context) },
        NumberLiteralContext number => new LiteralSyntax(null, Number(number.number())) { Span = SyntaxSpans.Of(context) },
        _ => throw new InvalidOperationException($"Unknown literal {context.GetType().Name}."),
    };

    private static FieldSyntax Field(FieldContext context) =>
        new(context.tail is null ? context.head.Text : $"{context.head.Text}.{context.tail.Text}") { Span = SyntaxSpans.Of(context) };

    // ---- Plans ----------------------------------------------------------------------------------------------

    private PlanSyntax BuildPlan(PlanDeclarationContext context)
    {
        NameSyntax? currency = null;
        PeriodSyntax? period = null;
        NameSyntax? rounding = null;
        TrialSyntax? trial = null;
        MoneySyntax? commitment = null;
        List<decimal>? alerts = null;
        SpendAlertsSyntax? spendAlerts = null;
        var fees = new List<FeeSyntax>();
        var charges = new List<ChargeSyntax>();
        var quotas = new List<QuotaSyntax>();
        var examples = new List<ExampleSyntax>();
        var seen = new Dictionary<string, ParserRuleContext>();

        foreach (var item in context.planItem().Where(i => !IsBroken(i)))
        {
            switch (item)
            {
                case CurrencyItemContext c when Once(seen, "currency", c, "a plan has one currency"):
                    currency = Name(c.code);
                    break;
                case PeriodItemContext p when Once(seen, "period", p, "a plan has one billing period"):
                    period = new PeriodSyntax(Name(p.unit), p.alignment is null ? null : Name(p.alignment)) { Span = SyntaxSpans.Of(p) };
                    break;
                case RoundingItemContext r when Once(seen, "rounding", r, "a plan has one rounding mode"):
                    rounding = Name(r.rounding);
                    break;
                case TrialItemContext t when Once(seen, "trial", t, "a plan has one trial"):
                    trial = new TrialSyntax(Number(t.number()), Name(t.unit)) { Span = SyntaxSpans.Of(t) };
                    break;
                case FeeItemContext f:
                    fees.Add(new FeeSyntax(Name(f.name), Money(f.money()),
                        f.timing.Type == RECURRING ? FeeTiming.Recurring : FeeTiming.Once,
                        f.billed?.Type == ADVANCE ? FeeBilling.Advance : FeeBilling.Arrears) { Span = SyntaxSpans.Of(f) });
                    break;
                case ChargeItemBlockContext charge:
                    charges.Add(BuildCharge(charge));
                    break;
                case CommitmentItemContext m when Once(seen, "commitment", m, "a plan has one minimum commitment"):
                    commitment = Money(m.money());
                    break;
                case QuotaItemContext q:
                    quotas.Add(new QuotaSyntax(Name(q.meter), Number(q.number()), q.kind.Type == HARD ? QuotaKind.Hard : QuotaKind.Soft) { Span = SyntaxSpans.Of(q) });
                    break;
                case AlertsItemContext a when Once(seen, "alerts", a, "a plan lists its alert thresholds once"):
                    alerts = [.. a.number().Select(Number)];
                    break;
                case SpendAlertsItemContext s when Once(seen, "spend alerts", s, "a plan lists its spend alert amounts once"):
                    spendAlerts = new SpendAlertsSyntax([.. s.number().Select(Number)], Name(s.code)) { Span = SyntaxSpans.Of(s) };
                    break;
                case ExampleBlockContext e:
                    examples.Add(BuildExample(e));
                    break;
            }
        }

        return new PlanSyntax(Name(context.name), currency, period, rounding, trial, fees, charges, commitment, quotas, alerts, examples)
        {
            Span = SyntaxSpans.Of(context),
            SpendAlerts = spendAlerts,
        };
    }

    private ChargeSyntax BuildCharge(ChargeItemBlockContext context)
    {
        PricingSyntax? pricing = null;
        PricingSyntax? otherwise = null;
        decimal? free = null;
        MoneySyntax? minimum = null;
        MoneySyntax? maximum = null;
        var when = new List<DimensionPriceSyntax>();
        var discounts = new List<DiscountSyntax>();
        var seen = new Dictionary<string, ParserRuleContext>();

        foreach (var item in context.chargeItem().Where(i => !IsBroken(i)))
        {
            switch (item)
            {
                case PricingItemContext p when Once(seen, "pricing", p, "a charge has one pricing; use `when` lines to price groups differently"):
                    pricing = Pricing(p.pricing());
                    break;
                case WhenItemContext w:
                    when.Add(new DimensionPriceSyntax(StringValue(w.STRING().Symbol), Pricing(w.pricing())) { Span = SyntaxSpans.Of(w) });
                    break;
                case OtherwiseItemContext o when Once(seen, "otherwise", o, "a charge has one `otherwise`"):
                    otherwise = Pricing(o.pricing());
                    break;
                case FreeItemContext f when Once(seen, "free", f, "a charge has one free allowance"):
                    free = Number(f.number());
                    break;
                case MinimumItemContext m when Once(seen, "minimum", m, "a charge has one minimum"):
                    minimum = Money(m.money());
                    break;
                case MaximumItemContext m when Once(seen, "maximum", m, "a charge has one maximum"):
                    maximum = Money(m.money());
                    break;
                case PercentDiscountItemContext d:
                    discounts.Add(new DiscountSyntax(Number(d.number()), null, Date(d.DATE())) { Span = SyntaxSpans.Of(d) });
                    break;
                case AmountDiscountItemContext d:
                    discounts.Add(new DiscountSyntax(null, Money(d.money()), Date(d.DATE())) { Span = SyntaxSpans.Of(d) });
                    break;
            }
        }

        if (pricing is null && when.Count == 0 && otherwise is null)
        {
            diagnostics.Error(DiagnosticIds.MissingItem, SyntaxSpans.Of(context.meter),
                $"the charge on `{context.meter.Text}` has no pricing; add one such as `per unit 0.01`");
        }

        return new ChargeSyntax(Name(context.meter), context.field() is { } by ? Field(by) : null, pricing, when, otherwise,
            free, minimum, maximum, discounts) { Span = SyntaxSpans.Of(context) };
    }

    private PricingSyntax Pricing(PricingContext context)
    {
        PricingSyntax pricing = context switch
        {
            PerUnitPricingContext perUnit => new PerUnitPricingSyntax(Money(perUnit.money())),
            GraduatedPricingContext graduated => new GraduatedPricingSyntax([.. graduated.tier().Select(Tier)]),
            VolumePricingContext volume => new VolumePricingSyntax([.. volume.tier().Select(Tier)]),
            PackagePricingContext package => new PackagePricingSyntax(Number(package.number()), Money(package.money())),
            PercentagePricingContext percentage => Percentage(percentage),
            GraduatedPercentagePricingContext rates => new GraduatedPercentagePricingSyntax([.. rates.rateTier().Select(RateTier)]),
            _ => throw new InvalidOperationException($"Unknown pricing {context.GetType().Name}."),
        };
        return pricing with { Span = SyntaxSpans.Of(context) };
    }

    private PercentagePricingSyntax Percentage(PercentagePricingContext context)
    {
        MoneySyntax? fee = null, freeAmount = null, minimum = null, maximum = null;
        decimal? freeEvents = null;
        var seen = new Dictionary<string, ParserRuleContext>();
        foreach (var option in context.percentageOption().Where(o => !IsBroken(o)))
        {
            switch (option)
            {
                case EventFeeOptionContext f when Once(seen, "fee", f, "a percentage has one fee per event"):
                    fee = Money(f.money());
                    break;
                case FreeEventsOptionContext f when Once(seen, "free events", f, "a percentage has one number of free events"):
                    freeEvents = Number(f.number());
                    break;
                case FreeAmountOptionContext f when Once(seen, "free amount", f, "a percentage has one free amount"):
                    freeAmount = Money(f.money());
                    break;
                case EventMinimumOptionContext m when Once(seen, "minimum", m, "a percentage has one minimum per event"):
                    minimum = Money(m.money());
                    break;
                case EventMaximumOptionContext m when Once(seen, "maximum", m, "a percentage has one maximum per event"):
                    maximum = Money(m.money());
                    break;
            }
        }

        return new PercentagePricingSyntax(Number(context.number()), fee, freeEvents, freeAmount, minimum, maximum);
    }

    private TierSyntax Tier(TierContext context) => context switch
    {
        BoundedTierContext bounded => new TierSyntax(Number(bounded.number()), Money(bounded.money(0)),
            bounded.money().Length > 1 ? Money(bounded.money(1)) : null) { Span = SyntaxSpans.Of(context) },
        OpenTierContext open => new TierSyntax(null, Money(open.money(0)),
            open.money().Length > 1 ? Money(open.money(1)) : null) { Span = SyntaxSpans.Of(context) },
        _ => throw new InvalidOperationException($"Unknown tier {context.GetType().Name}."),
    };

    private RateTierSyntax RateTier(RateTierContext context) => context switch
    {
        BoundedRateTierContext bounded => new RateTierSyntax(Number(bounded.number(0)), Number(bounded.number(1)),
            bounded.money() is { } flat ? Money(flat) : null) { Span = SyntaxSpans.Of(context) },
        OpenRateTierContext open => new RateTierSyntax(null, Number(open.number()),
            open.money() is { } flat ? Money(flat) : null) { Span = SyntaxSpans.Of(context) },
        _ => throw new InvalidOperationException($"Unknown rate tier {context.GetType().Name}."),
    };

    private ExampleSyntax BuildExample(ExampleBlockContext context)
    {
        var usage = new List<ExampleUsageSyntax>();
        MoneySyntax? expected = null;
        var seen = new Dictionary<string, ParserRuleContext>();
        foreach (var item in context.exampleItem().Where(i => !IsBroken(i)))
        {
            switch (item)
            {
                case UsageExampleContext u:
                    var (values, perEvent) = u.exampleQuantity() switch
                    {
                        SingleQuantityContext single => ((IReadOnlyList<decimal>)[Number(single.number())], false),
                        EventQuantitiesContext events => ([.. events.number().Select(Number)], true),
                        _ => throw new InvalidOperationException("Unknown example quantity."),
                    };
                    usage.Add(new ExampleUsageSyntax(Name(u.meter), u.group is null ? null : StringValue(u.group), values, perEvent) { Span = SyntaxSpans.Of(u) });
                    break;
                case ExpectTotalExampleContext e when Once(seen, "expect", e, "an example expects one total"):
                    expected = Money(e.money());
                    break;
            }
        }

        if (expected is null)
        {
            diagnostics.Error(DiagnosticIds.MissingItem, SyntaxSpans.Of(context.STRING().Symbol),
                "this example expects nothing; add `expect total = AMOUNT`");
        }

        return new ExampleSyntax(StringValue(context.STRING().Symbol), usage, expected) { Span = SyntaxSpans.Of(context) };
    }

    // ---- Leaves ---------------------------------------------------------------------------------------------

    private MoneySyntax Money(MoneyContext context) =>
        new(Number(context.number()), context.code is null ? null : Name(context.code)) { Span = SyntaxSpans.Of(context) };

    // ---- Schedules ------------------------------------------------------------------------------------------

    private ScheduleSyntax BuildSchedule(ScheduleDeclarationContext context)
    {
        NameSyntax? cron = null;
        NameSyntax? timeZone = null;
        var plans = new List<NameSyntax>();
        var consumers = new List<NameSyntax>();
        var dryRun = false;
        var seen = new Dictionary<string, ParserRuleContext>();
        foreach (var item in context.scheduleItem().Where(i => !IsBroken(i)))
        {
            switch (item)
            {
                case CronItemContext c when Once(seen, "cron", c, "a schedule has one cron expression"):
                    cron = Text(c.STRING().Symbol);
                    break;
                case TimeZoneItemContext z when Once(seen, "timezone", z, "a schedule has one time zone"):
                    timeZone = Text(z.STRING().Symbol);
                    break;
                case PlansItemContext p when Once(seen, "plans", p, "a schedule lists its plans once; put every plan in that list"):
                    plans.AddRange(p.STRING().Select(s => Text(s.Symbol)));
                    break;
                case ConsumersItemContext c when Once(seen, "consumers", c, "a schedule lists its consumers once; put every consumer in that list"):
                    consumers.AddRange(c.STRING().Select(s => Text(s.Symbol)));
                    break;
                case DryRunItemContext d when Once(seen, "dry run", d, "a schedule says `dry run` once"):
                    dryRun = true;
                    break;
            }
        }

        if (cron is null)
        {
            diagnostics.Error(DiagnosticIds.MissingItem, SyntaxSpans.Of(context.name),
                $"schedule `{context.name.Text}` says not when to run; add `cron \"0 0 6 1 * ?\"` (seconds, minutes, hours, day of month, month, day of week)");
        }

        return new ScheduleSyntax(Name(context.name), cron, timeZone, plans, consumers, dryRun) { Span = SyntaxSpans.Of(context) };
    }

    // ---- Queries --------------------------------------------------------------------------------------------

    private QuerySyntax BuildQuery(QueryDeclarationContext context)
    {
        var show = new List<NameSyntax>();
        QueryRangeSyntax? range = null;
        NameSyntax? step = null;
        var consumers = new List<NameSyntax>();
        var seen = new Dictionary<string, ParserRuleContext>();
        foreach (var item in context.queryItem().Where(i => !IsBroken(i)))
        {
            switch (item)
            {
                case ShowItemContext s when Once(seen, "show", s, "a query lists what it shows once; put every meter in that list"):
                    show.AddRange(s.IDENTIFIER().Select(i => Name(i.Symbol)));
                    break;
                case LastItemContext l when Once(seen, "range", l, "a query has one range, `last …` or `from … to …`"):
                    range = new QueryRangeSyntax(Number(l.number()), Name(l.unit), null, null) { Span = SyntaxSpans.Of(l) };
                    break;
                case FromItemContext f when Once(seen, "range", f, "a query has one range, `last …` or `from … to …`"):
                    range = new QueryRangeSyntax(null, null, Date(f.DATE(0)), Date(f.DATE(1))) { Span = SyntaxSpans.Of(f) };
                    break;
                case StepItemContext s when Once(seen, "step", s, "a query has one step"):
                    step = Name(s.unit);
                    break;
                case QueryConsumersItemContext c when Once(seen, "consumers", c, "a query lists its consumers once; put every consumer in that list"):
                    consumers.AddRange(c.STRING().Select(s => Text(s.Symbol)));
                    break;
            }
        }

        if (show.Count == 0 && !seen.ContainsKey("show"))
        {
            diagnostics.Error(DiagnosticIds.MissingItem, SyntaxSpans.Of(context.name),
                $"query `{context.name.Text}` shows nothing; add `show` and the meters to measure, such as `show requests`");
        }

        return new QuerySyntax(Name(context.name), show, range, step, consumers) { Span = SyntaxSpans.Of(context) };
    }

    // A string's value with the span of the whole string, quotes included, for diagnostics about it.
    private static NameSyntax Text(IToken token) => new(StringValue(token)) { Span = SyntaxSpans.Of(token) };

    private static NameSyntax Name(IToken token) => new(token.Text) { Span = SyntaxSpans.Of(token) };

    private decimal Number(NumberContext context)
    {
        var token = context.NUMBER().Symbol;
        var text = token.Text;
        var significant = text.TrimStart('-').Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('0').Length;
        if (significant > 28 || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            diagnostics.Error(DiagnosticIds.NumberOutOfRange, SyntaxSpans.Of(token),
                $"the number `{text}` has more than 28 significant digits, more than a decimal holds exactly");
            return 0m;
        }

        return value;
    }

    private int Places(NumberContext context)
    {
        var value = Number(context);
        if (value is < 0 or > 28 || value != decimal.Truncate(value))
        {
            diagnostics.Error(DiagnosticIds.ValueOutOfRange, SyntaxSpans.Of(context), $"decimal places must be a whole number from 0 to 28, not {value}");
            return 0;
        }

        return (int)value;
    }

    private DateOnly? Date(ITerminalNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(node.GetText(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        diagnostics.Error(DiagnosticIds.InvalidDate, SyntaxSpans.Of(node.Symbol), $"`{node.GetText()}` is not a date of the calendar");
        return null;
    }

    /// <summary>The value of a string token, without its quotes and with its escapes resolved.</summary>
    internal static string StringValue(IToken token)
    {
        var text = token.Text;
        var inner = text.Length >= 2 ? text[1..^1] : string.Empty;
        if (!inner.Contains('\\', StringComparison.Ordinal))
        {
            return inner;
        }

        var builder = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
                builder.Append(inner[i] switch { 'n' => '\n', 't' => '\t', var c => c });
            }
            else
            {
                builder.Append(inner[i]);
            }
        }

        return builder.ToString();
    }

    private bool Once(Dictionary<string, ParserRuleContext> seen, string what, ParserRuleContext item, string rule)
    {
        if (seen.TryGetValue(what, out var first))
        {
            diagnostics.Error(DiagnosticIds.DuplicateItem, SyntaxSpans.Of(item),
                $"{rule}; the first is on line {first.Start.Line}");
            return false;
        }

        seen[what] = item;
        return true;
    }

    private static bool IsPresent(IToken? token) => token is not null && token.TokenIndex >= 0 && token.StartIndex >= 0;

    // A subtree the parser had to repair: an error node, a token it conjured, or a rule it abandoned.
    private static bool IsBroken(IParseTree tree) => tree switch
    {
        IErrorNode => true,
        ITerminalNode terminal => !IsPresent(terminal.Symbol),
        ParserRuleContext rule when rule.exception is not null => true,
        _ => Enumerable.Range(0, tree.ChildCount).Any(i => IsBroken(tree.GetChild(i))),
    };
}
