"""Rule modules; importing this package registers every rule (checks.registry.RULES)."""

from checks.rules import balance, chain, change, counted, evaluation, grim, prose, restate, tables, unread  # noqa: F401
