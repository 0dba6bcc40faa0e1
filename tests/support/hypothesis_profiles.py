"""How many examples the property tests try: Hypothesis profiles.

`make test` runs each property test with the examples its `@settings` names (through
`examples(n)`); `make test-fast` passes `--hypothesis-profile=fast`, which tries a tenth of
them (at least a few), so the quick run still tries every property and the full run tries
each one as hard as before. tests/conftest.py registers the profiles before pytest reads the
option."""

from __future__ import annotations

from hypothesis import settings

DEFAULT_EXAMPLES = 100  # Hypothesis's own default: the profile `make test` runs
FAST_EXAMPLES = 10


def register() -> None:
    settings.register_profile("fast", max_examples=FAST_EXAMPLES)


def examples(full: int) -> int:
    """`full` under the default profile; scaled down as the loaded profile's max_examples is."""
    return max(3, full * settings.default.max_examples // DEFAULT_EXAMPLES)
