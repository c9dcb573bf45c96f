// Parser of the Tariff pricing language. A document is a list of declarations: meters say what to count from usage
// events, plans say how usage becomes money, schedules say when billing runs and for whom, queries say which usage
// analytics to show. Every alternative is labeled so that the syntax-tree builder never guesses.
parser grammar TariffParser;

options { tokenVocab = TariffLexer; }

document
    : declaration* EOF
    ;

declaration
    : METER name=IDENTIFIER LBRACE meterItem* RBRACE   # meterDeclaration
    | PLAN name=IDENTIFIER LBRACE planItem* RBRACE     # planDeclaration
    | SCHEDULE name=IDENTIFIER LBRACE scheduleItem* RBRACE   # scheduleDeclaration
    | QUERY name=IDENTIFIER LBRACE queryItem* RBRACE         # queryDeclaration
    ;

// ---- Meters ----------------------------------------------------------------------------------------------------

meterItem
    : COUNT                                            # countItem
    | function=(SUM | MAX | MIN | UNIQUE | LATEST | TIME_WEIGHTED) field   # aggregateItem
    | WHERE condition                                  # whereItem
    | GROUP BY field (COMMA field)*                    # groupByItem
    | DIVIDE BY number                                 # divideItem
    | MULTIPLY BY number                               # multiplyItem
    | ROUND rounding=(IDENTIFIER | UP) (TO number PLACES)? # roundItem
    | UNIT STRING                                      # unitItem
    ;

field
    : head=IDENTIFIER (DOT tail=IDENTIFIER)?
    ;

condition
    : LPAREN condition RPAREN                                              # parenthesizedCondition
    | field op=(EQ | NEQ | LT | LE | GT | GE) literal                      # comparisonCondition
    | field NOT? IN LBRACKET literal (COMMA literal)* RBRACKET             # inCondition
    | field NOT? BETWEEN low=literal AND high=literal                      # betweenCondition
    | field STARTS WITH STRING                                             # startsWithCondition
    | field MATCHES STRING                                                 # matchesCondition
    | NOT condition                                                        # notCondition
    | condition AND condition                                              # andCondition
    | condition OR condition                                               # orCondition
    ;

literal
    : STRING    # stringLiteral
    | number    # numberLiteral
    ;

number
    : NUMBER
    ;

// ---- Plans -----------------------------------------------------------------------------------------------------

planItem
    : CURRENCY code=IDENTIFIER                                             # currencyItem
    | PERIOD unit=IDENTIFIER alignment=IDENTIFIER?                         # periodItem
    | ROUNDING rounding=(IDENTIFIER | UP)                                      # roundingItem
    | TRIAL number unit=IDENTIFIER                                         # trialItem
    | FEE name=IDENTIFIER money timing=(RECURRING | ONCE) (IN billed=(ADVANCE | ARREARS))?   # feeItem
    | CHARGE meter=IDENTIFIER (BY field)? LBRACE chargeItem* RBRACE        # chargeItemBlock
    | COMMITMENT money                                                     # commitmentItem
    | QUOTA meter=IDENTIFIER number kind=(HARD | SOFT)                     # quotaItem
    | ALERTS AT number (COMMA number)* PERCENT                             # alertsItem
    | ALERTS AT number (COMMA number)* code=IDENTIFIER                     # spendAlertsItem
    | EXAMPLE STRING LBRACE exampleItem* RBRACE                            # exampleBlock
    ;

money
    : number code=IDENTIFIER?
    ;

chargeItem
    : pricing                                          # pricingItem
    | WHEN STRING pricing                              # whenItem
    | OTHERWISE pricing                                # otherwiseItem
    | FREE number                                      # freeItem
    | MINIMUM money                                    # minimumItem
    | MAXIMUM money                                    # maximumItem
    | DISCOUNT number PERCENT (UNTIL DATE)?            # percentDiscountItem
    | DISCOUNT money (UNTIL DATE)?                     # amountDiscountItem
    ;

pricing
    : PER UNIT money                                                       # perUnitPricing
    | GRADUATED LBRACE tier+ RBRACE                                        # graduatedPricing
    | VOLUME LBRACE tier+ RBRACE                                           # volumePricing
    | PACKAGE OF number FOR money                                          # packagePricing
    | PERCENTAGE number PERCENT (LBRACE percentageOption* RBRACE)?         # percentagePricing
    | GRADUATED PERCENTAGE LBRACE rateTier+ RBRACE                         # graduatedPercentagePricing
    ;

tier
    : UP TO number AT money (FLAT money)?              # boundedTier
    | ABOVE AT money (FLAT money)?                     # openTier
    ;

rateTier
    : UP TO number AT number PERCENT (FLAT money)?     # boundedRateTier
    | ABOVE AT number PERCENT (FLAT money)?            # openRateTier
    ;

percentageOption
    : FEE money PER EVENT                              # eventFeeOption
    | FREE FIRST number EVENTS                         # freeEventsOption
    | FREE FIRST money                                 # freeAmountOption
    | MINIMUM money PER EVENT                          # eventMinimumOption
    | MAXIMUM money PER EVENT                          # eventMaximumOption
    ;

exampleItem
    : USAGE meter=IDENTIFIER (LBRACKET group=STRING RBRACKET)? EQ exampleQuantity   # usageExample
    | EXPECT TOTAL EQ money                                                       # expectTotalExample
    ;

exampleQuantity
    : number                                           # singleQuantity
    | LBRACKET number (COMMA number)* RBRACKET         # eventQuantities
    ;

// ---- Schedules -------------------------------------------------------------------------------------------------

scheduleItem
    : CRON STRING                                      # cronItem
    | TIMEZONE STRING                                  # timeZoneItem
    | PLANS STRING (COMMA STRING)*                     # plansItem
    | CONSUMERS STRING (COMMA STRING)*                 # consumersItem
    | DRY RUN                                          # dryRunItem
    ;

// ---- Queries ---------------------------------------------------------------------------------------------------

queryItem
    : SHOW IDENTIFIER (COMMA IDENTIFIER)*              # showItem
    | LAST number unit=IDENTIFIER                      # lastItem
    | FROM from=DATE TO to=DATE                        # fromItem
    | STEP unit=IDENTIFIER                             # stepItem
    | CONSUMERS STRING (COMMA STRING)*                 # queryConsumersItem
    ;
