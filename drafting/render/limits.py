"""The Jinja environment a Word template is rendered in: sandboxed, and bounded in time and
size, because an organisation's template is a file someone sent.

The sandbox (jinja2.sandbox) keeps a template from Python's insides; this module keeps it
from hanging or filling the memory:

- every loop step, call, operator and printed value spends from a time budget, checked
  against the clock every few hundred steps (a template's loops are rewritten to step
  through `_pykala_loop`, so even an empty nested loop is counted);
- every value an operator, `~`, a filter or a method makes is measured first: `'a' * 10**9`,
  `x ~ x` doubled in a loop, `'a'|center(10**9)` are refused before they are made;
- the text the template prints (its own Word XML repeated by loops included) is counted;
- only methods that cannot make a value larger than their input may be called on text and
  lists, and a template may not include or import other files.

A template that goes past a limit raises `LimitExceeded` naming the limit.
"""

from __future__ import annotations

import time
import typing as t

from jinja2 import nodes
from jinja2.defaults import DEFAULT_FILTERS
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.runtime import markup_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from drafting.i18n import _

SECONDS = 10.0  # a template renders in well under a second; ten is a hang
SIZE = 20_000_000  # characters a template may print, and the largest value it may make
INT_LIMIT = 100_000  # the largest count (range, width, repeat) a template may ask for
_CHECK_EVERY = 256  # steps between two looks at the clock
_INT_BITS = 64 * 1024  # the largest whole number a template may make, in bits

# Methods that make nothing larger than the text or list they are called on.
_TEXT_METHODS = frozenset(
    """capitalize casefold count endswith find index isalnum isalpha isdecimal isdigit
    islower isnumeric isspace istitle isupper lower lstrip partition rfind rindex rpartition
    rsplit rstrip split splitlines startswith strip swapcase title upper""".split()  # noqa: SIM905 - words, readable
)
_CONTAINER_METHODS = frozenset("count get index items keys values".split())  # noqa: SIM905
# Filters that can make a value far larger than their input without a count to check.
_REFUSED_FILTERS = frozenset({"format", "indent", "wordwrap", "xmlattr", "urlize"})


class LimitExceeded(SecurityError):
    """A template that went past one of the renderer's limits."""


def _size(value: t.Any, limit: int = SIZE) -> int:
    """About how many characters `value` prints as (stops counting past `limit`)."""
    total, stack = 0, [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, (str, bytes)):
            total += len(item)
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        elif isinstance(item, dict):
            total += 2 + 2 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += 2 + 2 * len(item)
            stack.extend(item)
        else:
            total += 8
    return total


class _Guard(NodeTransformer):
    """Rewrites a parsed template: loops step through `_pykala_loop`, `~` goes through
    `_pykala_concat`, and include, import and extends are refused."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        literal = sum(len(d.data) for n in node.body for d in n.find_all(nodes.TemplateData))
        node.iter = nodes.Call(
            nodes.Name("_pykala_loop", "load"),
            [node.iter, nodes.Const(literal)],
            [],
            None,
            None,
            lineno=node.lineno,
        )
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Call(
            nodes.Name("_pykala_concat", "load"),
            [nodes.Tuple(node.nodes, "load")],
            [],
            None,
            None,
            lineno=node.lineno,
        )

    def _refuse(self, node: nodes.Node) -> t.NoReturn:
        raise TemplateSyntaxError(
            _("a Word template may not include or import other files"), node.lineno
        )

    visit_Include = visit_Import = visit_FromImport = visit_Extends = _refuse


class LimitedEnvironment(ImmutableSandboxedEnvironment):
    """A sandbox with a time budget and size limits (see the module's notes); one per render:
    the budget starts when it is made."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(
        self, seconds: float | None = None, size: int | None = None, **options: t.Any
    ) -> None:
        super().__init__(**options)
        seconds = SECONDS if seconds is None else seconds
        size = SIZE if size is None else size
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds
        self.size = size
        self.printed = 0
        self.steps = 0
        self.globals = {
            "range": self._range,
            "dict": dict,
            "namespace": self.globals["namespace"],
            "_pykala_loop": self._loop,
            "_pykala_concat": self._concat,
        }
        self.filters = {
            name: self._guarded(name, f)
            for name, f in DEFAULT_FILTERS.items()
            if name not in _REFUSED_FILTERS
        }

    # --- the budget ---------------------------------------------------------------------

    def step(self) -> None:
        self.steps += 1
        if self.steps % _CHECK_EVERY == 0 and time.monotonic() > self.deadline:
            raise LimitExceeded(
                _("it took longer than {seconds} seconds to fill in").format(
                    seconds=int(self.seconds)
                )
            )

    def _made(self, value: t.Any) -> t.Any:
        if isinstance(value, int) and value.bit_length() > _INT_BITS:
            raise LimitExceeded(self._too_large())
        if _size(value, self.size) > self.size:
            raise LimitExceeded(self._too_large())
        return value

    def _too_large(self) -> str:
        return _("it makes a text longer than {count} characters").format(count=self.size)

    def _count(self, count: t.Any) -> None:
        if isinstance(count, int) and abs(count) > INT_LIMIT:
            raise LimitExceeded(
                _("it asks for {count} of something; at most {most}").format(
                    count=count if count.bit_length() < 64 else "≫", most=INT_LIMIT
                )
            )

    def printing(self, value: t.Any) -> None:
        """Counts a value the template prints (from the environment's finalize)."""
        self.step()
        self.printed += _size(value, self.size)
        if self.printed > self.size:
            raise LimitExceeded(self._too_large())

    # --- what the rewritten template calls ----------------------------------------------

    def _loop(self, iterable: t.Any, literal: int) -> t.Iterator[t.Any]:
        for value in iterable:
            self.step()
            self.printed += literal
            if self.printed > self.size:
                raise LimitExceeded(self._too_large())
            yield value

    def _concat(self, items: tuple) -> str:
        if sum(_size(i, self.size) for i in items) > self.size:
            raise LimitExceeded(self._too_large())
        return markup_join(items)

    def _range(self, *args: int) -> range:
        for arg in args:
            self._count(arg)
        return range(*args)

    def _guarded(self, name: str, function: t.Callable) -> t.Callable:
        # the value filtered comes after the context, if the filter is given one
        counts_from = 2 if hasattr(function, "jinja_pass_arg") else 1

        def guarded(*args: t.Any, **kwargs: t.Any) -> t.Any:
            self.step()
            for arg in (*args[counts_from:], *kwargs.values()):
                self._count(arg)  # a width, a count: not the value itself
            values = [a for a in args if isinstance(a, (str, list, tuple))]
            if name in ("join", "replace", "center") and values:
                # the result's largest size: every separator or replacement, and the width
                largest = sum(_size(v, self.size) for v in values) * 2 + max(
                    [a for a in args if isinstance(a, int)] or [0]
                )
                if name == "join" and isinstance(values[0], (list, tuple)):
                    sep = args[2] if len(args) > 2 else kwargs.get("d", "")
                    largest += len(values[0]) * _size(sep, self.size)
                if name == "replace" and len(values) >= 3:
                    source, old, new = (str(v) for v in values[:3])
                    hits = source.count(old) if old else len(source) + 1
                    largest += hits * len(new)
                if largest > self.size:
                    raise LimitExceeded(self._too_large())
            return self._made(function(*args, **kwargs))

        for attribute in ("jinja_pass_arg",):
            if hasattr(function, attribute):
                setattr(guarded, attribute, getattr(function, attribute))
        return guarded

    # --- the sandbox's hooks ------------------------------------------------------------

    def is_safe_attribute(self, obj: t.Any, attr: str, value: t.Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, str):
            return attr in _TEXT_METHODS
        if isinstance(obj, (list, tuple, dict, set, frozenset)):
            return attr in _CONTAINER_METHODS
        return True

    def wrap_str_format(self, value: t.Any) -> None:
        return None  # str.format is no method a template may call (a width makes a gigabyte)

    def call_binop(self, context: t.Any, operator: str, left: t.Any, right: t.Any) -> t.Any:
        self.step()
        if operator == "*":
            for one, other in ((left, right), (right, left)):
                if (
                    isinstance(one, (str, list, tuple))
                    and isinstance(other, int)
                    and _size(one, self.size) * max(other, 0) > self.size
                ):
                    raise LimitExceeded(self._too_large())
        elif operator == "**":
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and right > 0
                and max(left.bit_length(), 1) * right > _INT_BITS
            ):
                raise LimitExceeded(self._too_large())
        elif operator == "+":
            if _size(left, self.size) + _size(right, self.size) > self.size:
                raise LimitExceeded(self._too_large())
        elif operator == "%" and isinstance(left, str):
            raise SecurityError(_("a Word template may not format text with %"))
        return self._made(super().call_binop(context, operator, left, right))

    def call(  # the odd names: a template's keyword arguments cannot clash with them
        __self,
        __context: t.Any,
        __obj: t.Any,
        *args: t.Any,
        **kwargs: t.Any,
    ) -> t.Any:
        __self.step()  # range counts its own; the methods allowed cannot enlarge with a count
        return __self._made(super().call(__context, __obj, *args, **kwargs))

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        return t.cast(nodes.Template, _Guard().visit(tree))
