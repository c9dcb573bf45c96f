// Lexer of the Tariff pricing language. Tokens are named; comments and whitespace go to hidden channels so that
// the formatter can recover them later. No target code: the grammar stays portable across ANTLR targets.
lexer grammar TariffLexer;

channels { COMMENTS }

METER : 'meter';
PLAN  : 'plan';

LBRACE : '{';
RBRACE : '}';

IDENTIFIER : [a-zA-Z_] [a-zA-Z0-9_]*;

LINE_COMMENT  : '#' ~[\r\n]* -> channel(COMMENTS);
WHITESPACE    : [ \t\r\n]+ -> channel(HIDDEN);

// Anything else is one bad character: the parser reports it with its position instead of the lexer stopping.
UNEXPECTED_CHARACTER : . ;
