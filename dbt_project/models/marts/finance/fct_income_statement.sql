-- The published income statement: the ledger's figures (int_income_statement_from_ledger)
-- for preliminary units and dates; for a unit and date under a sign-off, the figures it
-- approved (int_approved_figures_in_force), whatever the ledger says now. The check
-- approved_figures_unchanged lists the cells where the two differ. The shape is shared
-- with fct_investments: macros/ledger_or_approved.sql.
{{ ledger_or_approved(
    ledger_model='int_income_statement_from_ledger',
    table_name='income_statement',
    lines_seed='report_lines',
    line_columns=[
        ['line_code', 'varchar'],
        ['line_name', 'varchar'],
        ['line_order', 'integer'],
        ['line_kind', 'varchar'],
    ],
    extra_figures=['forecast'],
) }}
