// Parser of the Tariff pricing language. Minimal for now (the foundation only proves the build pipeline): a
// document is a list of named meter and plan declarations. The language issue grows the bodies, and schedules and
// queries join as further labeled alternatives of `declaration`.
parser grammar TariffParser;

options { tokenVocab = TariffLexer; }

document
    : declaration* EOF
    ;

declaration
    : METER name=IDENTIFIER LBRACE RBRACE   # meterDeclaration
    | PLAN name=IDENTIFIER LBRACE RBRACE    # planDeclaration
    ;
