"""An unexpected-rows expectation that sees every file of a batch, and runs its query once.

GX's own `UnexpectedRowsExpectation` runs its query twice (its rows, then their count)
and keeps only the first 200 rows. Our queries return up to MAX_EXAMPLES rows per file of
the batch, so in a batch where more than 40 files broke a rule, the later files' rows
were cut and those files let through as if they had broken nothing. This subclass,
through GX's own extension points (a metric provider and an Expectation subclass), reads
every row of the query once and counts them itself. Everything else (the query, its
`{batch}`, the result's shape and rendering) is GX's.
"""

from __future__ import annotations

from typing import Any, ClassVar

import great_expectations as gx
from great_expectations.core.metric_domain_types import MetricDomainTypes
from great_expectations.execution_engine import SqlAlchemyExecutionEngine
from great_expectations.expectations.metrics.metric_provider import metric_value
from great_expectations.expectations.metrics.query_metrics.query_table.query_table import (
    QueryTable,
)

ALL_ROWS = "toteuma_unexpected_rows_query.all_rows"


class AllUnexpectedRows(QueryTable):
    """Every row an unexpected-rows query returns (GX's own metric stops at 200)."""

    metric_name = ALL_ROWS
    value_keys = ("unexpected_rows_query",)
    query_param_name: ClassVar[str] = "unexpected_rows_query"

    @metric_value(engine=SqlAlchemyExecutionEngine)
    def _sqlalchemy(
        cls,
        execution_engine: SqlAlchemyExecutionEngine,
        metric_domain_kwargs: dict,
        metric_value_kwargs: dict,
        metrics: dict[str, Any],
        runtime_configuration: dict,
    ) -> list[dict]:
        batch, _, _ = execution_engine.get_compute_domain(
            metric_domain_kwargs, domain_type=MetricDomainTypes.TABLE
        )
        query = cls._get_query_from_metric_value_kwargs(metric_value_kwargs)
        substituted = cls._get_substituted_batch_subquery_from_query_and_batch_selectable(
            query=query, batch_selectable=batch, execution_engine=execution_engine
        )
        return cls._get_sqlalchemy_records_from_substituted_batch_subquery(
            substituted_batch_subquery=substituted,
            execution_engine=execution_engine,
            fetch_all=True,
        )


class UnexpectedRowsPerFileExpectation(gx.expectations.UnexpectedRowsExpectation):
    """Fails when the query returns rows; every row is kept, the query run once."""

    metric_dependencies: ClassVar[tuple[str, ...]] = (ALL_ROWS,)

    def _validate(self, metrics: dict, runtime_configuration=None, execution_engine=None):
        rows = metrics[ALL_ROWS]
        return {
            "success": not rows,
            "result": {"observed_value": len(rows), "details": {"unexpected_rows": rows}},
        }
