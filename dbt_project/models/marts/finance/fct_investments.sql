-- The published investments: the ledger's (int_investments_from_ledger) for preliminary
-- units and dates, the approved figures where a sign-off is in force (as
-- fct_income_statement; the shape is macros/ledger_or_approved.sql).
{{ ledger_or_approved(
    ledger_model='int_investments_from_ledger',
    table_name='investments',
    lines_seed='binding_budget_items',
    line_columns=[['item_code', 'varchar'], ['item_order', 'integer']],
) }}
