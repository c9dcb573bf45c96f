// Lexer of the Tariff pricing language. Tokens are named; comments go to their own channel and whitespace to the
// hidden one, so that tools can recover them. No target code: the grammar stays portable across ANTLR targets.
lexer grammar TariffLexer;

channels { COMMENTS }

// Declarations
METER    : 'meter';
PLAN     : 'plan';
SCHEDULE : 'schedule';
QUERY    : 'query';

// Meters
COUNT         : 'count';
SUM           : 'sum';
MAX           : 'max';
MIN           : 'min';
UNIQUE        : 'unique';
LATEST        : 'latest';
TIME_WEIGHTED : 'time_weighted';
WHERE         : 'where';
GROUP         : 'group';
BY            : 'by';
DIVIDE        : 'divide';
MULTIPLY      : 'multiply';
ROUND         : 'round';
TO            : 'to';
PLACES        : 'places';
UNIT          : 'unit';

// Conditions
AND     : 'and';
OR      : 'or';
NOT     : 'not';
IN      : 'in';
BETWEEN : 'between';
STARTS  : 'starts';
WITH    : 'with';
MATCHES : 'matches';

// Schedules
CRON      : 'cron';
TIMEZONE  : 'timezone';
PLANS     : 'plans';
CONSUMERS : 'consumers';
DRY       : 'dry';
RUN       : 'run';

// Queries
SHOW : 'show';
LAST : 'last';
FROM : 'from';
STEP : 'step';

// Plans
CURRENCY   : 'currency';
PERIOD     : 'period';
ROUNDING   : 'rounding';
TRIAL      : 'trial';
FEE        : 'fee';
RECURRING  : 'recurring';
ONCE       : 'once';
ADVANCE    : 'advance';
ARREARS    : 'arrears';
CHARGE     : 'charge';
COMMITMENT : 'commitment';
QUOTA      : 'quota';
HARD       : 'hard';
SOFT       : 'soft';
ALERTS     : 'alerts';
AT         : 'at';
EXAMPLE    : 'example';
USAGE      : 'usage';
EXPECT     : 'expect';
TOTAL      : 'total';

// Charges
PER        : 'per';
EVENT      : 'event';
EVENTS     : 'events';
GRADUATED  : 'graduated';
VOLUME     : 'volume';
PACKAGE    : 'package';
PERCENTAGE : 'percentage';
OF         : 'of';
FOR        : 'for';
UP         : 'up';
ABOVE      : 'above';
FLAT       : 'flat';
FREE       : 'free';
FIRST      : 'first';
MINIMUM    : 'minimum';
MAXIMUM    : 'maximum';
DISCOUNT   : 'discount';
UNTIL      : 'until';
WHEN       : 'when';
OTHERWISE  : 'otherwise';

LBRACE   : '{';
RBRACE   : '}';
LPAREN   : '(';
RPAREN   : ')';
LBRACKET : '[';
RBRACKET : ']';
COMMA    : ',';
DOT      : '.';
PERCENT  : '%';
EQ       : '=';
NEQ      : '!=';
LE       : '<=';
GE       : '>=';
LT       : '<';
GT       : '>';

DATE       : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT;
NUMBER     : '-'? DIGIT+ ('.' DIGIT+)?;
STRING     : '"' (~["\\\r\n] | '\\' ["\\nt])* '"';
IDENTIFIER : [a-zA-Z_] [a-zA-Z0-9_]*;

LINE_COMMENT : '#' ~[\r\n]* -> channel(COMMENTS);
WHITESPACE   : [ \t\r\n]+ -> channel(HIDDEN);

// A string that reaches the end of its line without a closing quote: one clear error instead of a cascade.
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ["\\nt])* ;

// Anything else is one bad character: the parser reports it with its position instead of the lexer stopping.
UNEXPECTED_CHARACTER : . ;

fragment DIGIT : [0-9];
