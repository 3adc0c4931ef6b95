"""The entity gazetteer: correct names, their correct variants, and known wrong forms.

Schema (a public contract; see rules/gazetteer/SCHEMA.md)::

    [[entity]]
    name = "Mark Rutte"        # canonical spelling (required)
    kind = "person"            # person | organization | place | media | event | thing (required)
    gender = "male"            # persons, optional: male | female
    aliases = ["Rutte"]        # other CORRECT forms (optional)
    misspellings = ["Ruti"]    # known wrong forms, always repaired (optional)

An unknown key or a missing or bad value is an error naming the file, the line and the entity.
A form (name or alias) claimed by two entities is an error in the bundled gazetteer; in a user's
files it is resolved the safe way and reported by ``cleaner gazetteer check`` (see
:meth:`Gazetteer.add`).

Gazetteers come in layers: the bundled one, then the files a user or a repository adds. Within a
layer the rules above hold; a later layer overrides an earlier one: an entity with the same name
replaces it, and a form it claims is taken from the earlier entity that had it. So a newsroom's
own "Mark Rutte" entry (with its own aliases) wins over the bundled one instead of clashing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

import regex

from ..base import tomlfile
from ..base.errors import RuleError

T = TypeVar("T")

KINDS = ("person", "organization", "place", "media", "event", "thing")
# the words curators use for a kind, read as the kind they belong to: a gazetteer written by a
# newsroom says "party" or "newspaper", and refusing it would refuse every article it cleans
KIND_SYNONYMS = {
    "party": "organization", "company": "organization", "agency": "organization",
    "institution": "organization", "government": "organization", "ministry": "organization",
    "union": "organization", "team": "organization", "club": "organization", "org": "organization",
    "country": "place", "city": "place", "region": "place", "province": "place", "state": "place",
    "newspaper": "media", "broadcaster": "media", "channel": "media", "magazine": "media",
    "outlet": "media", "award": "thing", "work": "thing", "product": "thing", "weapon": "thing",
    "ship": "thing", "treaty": "thing", "law": "thing",
}
GENDERS = ("male", "female")
KEYS = {"name", "kind", "gender", "aliases", "misspellings"}


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str
    gender: str | None = None
    aliases: tuple[str, ...] = ()
    misspellings: tuple[str, ...] = ()
    path: str = ""
    line: int = 0

    @property
    def forms(self) -> tuple[str, ...]:
        """Every correct spelling: the name, then the aliases."""
        return (self.name, *self.aliases)

    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Gazetteer:
    entities: list[Entity] = field(default_factory=list)
    by_form: dict[str, Entity] = field(default_factory=dict)  # correct form -> entity
    by_misspelling: dict[str, Entity] = field(default_factory=dict)
    #: set by gazetteer_cache.load_cached: what this gazetteer was cached under (None: not cached)
    cache_key: str | None = field(default=None, compare=False, repr=False)
    #: indexes the passes derive from the entities (see :meth:`derived`), dropped on any change
    _derived: dict = field(default_factory=dict, compare=False, repr=False)
    #: the clashes a user's files had and how each was resolved (see :meth:`add`)
    warnings: list[str] = field(default_factory=list, compare=False, repr=False)

    def derived(self, name: str, build: Callable[["Gazetteer"], T]) -> T:
        """The index ``build(self)`` under ``name``, built once per gazetteer: the passes' own
        views of the entities (the name channel's index, link slugs, person forms)."""
        try:
            return self._derived[name]
        except KeyError:
            value = self._derived[name] = build(self)
            return value

    @classmethod
    def from_merged(cls, entities: Iterable[Entity]) -> "Gazetteer":
        """The gazetteer of ``entities``, which are the ``entities`` of a gazetteer that loaded
        (from the compiled cache): :meth:`add` checked them then; this only fills the maps."""
        gazetteer = cls(list(entities))
        by_form, by_misspelling = gazetteer.by_form, gazetteer.by_misspelling
        for entity in gazetteer.entities:
            for form in entity.forms:
                by_form[form] = entity
            for wrong in entity.misspellings:
                by_misspelling[wrong] = entity
        return gazetteer

    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities)

    def forms(self) -> Iterable[str]:
        """Every correct spelling of every entity (what must never be "repaired")."""
        return self.by_form.keys()

    def override(self, entity: Entity) -> None:
        """Add ``entity`` from a later layer: it replaces an entity of the same name and takes
        over any form (or misspelling) an earlier entity claimed."""
        claimed = set(entity.forms) | set(entity.misspellings)
        clashing = {id(e): e for e in (self.by_form.get(f) or self.by_misspelling.get(f) for f in claimed) if e}
        for old in clashing.values():
            self._remove(old)
            if old.name != entity.name and old.name not in claimed:
                kept = Entity(old.name, old.kind, old.gender,
                              tuple(a for a in old.aliases if a not in claimed),
                              tuple(w for w in old.misspellings if w not in claimed), old.path, old.line)
                self.add(kept, strict=False)
        self.add(entity, strict=False)

    def _remove(self, entity: Entity) -> None:
        self._derived.clear()
        self.entities.remove(entity)
        for form in entity.forms:
            if self.by_form.get(form) is entity:
                del self.by_form[form]
        for wrong in entity.misspellings:
            if self.by_misspelling.get(wrong) is entity:
                del self.by_misspelling[wrong]

    def add(self, entity: Entity, *, strict: bool = True) -> None:
        """Add ``entity``. Strict (the bundled gazetteer): a name or alias already claimed, a
        misspelling that is someone's correct form, a person listed twice with two sexes are
        errors naming both places. Not strict (a user's files): each such clash is resolved the
        safe way and said in :attr:`warnings` -- a correct form is never taken for a
        misspelling, a name wins over another entity's alias, the first claim of an alias
        keeps it, a sex in doubt is left unknown. Gazetteers written by people for their own
        articles clash ("CEC" for two election commissions, "New Delhi" listed inside "Delhi"
        and on its own): refusing them refused every article they were written for.

        The same entity listed twice (same name and kind, in one file or in two gazetteers given
        together) is one entity: its aliases and misspellings are merged, as two editors who both
        listed "Washington" mean."""
        def clash(message: str) -> None:
            if strict:
                raise RuleError(message, path=entity.path, line=entity.line)
            self.warnings.append(f"{entity.where()}: {message}; {resolution}")

        same = self.by_form.get(entity.name)
        if same is not None and same.name == entity.name and same is not entity:
            gender = same.gender or entity.gender
            if same.kind != entity.kind:
                resolution = f"the first ({same.kind}) kept"
                clash(f"entity {entity.name!r}: name {entity.name!r} is already claimed by {same.name!r} "
                      f"({same.where()})")
                return
            if same.gender and entity.gender and same.gender != entity.gender:
                resolution, gender = "its sex is left unknown", None
                clash(f"entity {entity.name!r}: gender {entity.gender!r} contradicts {same.gender!r} "
                      f"({same.where()})")
            self._remove(same)
            entity = Entity(same.name, same.kind, gender,
                            tuple(dict.fromkeys(same.aliases + entity.aliases)),
                            tuple(dict.fromkeys(same.misspellings + entity.misspellings)), same.path, same.line)
        self._derived.clear()
        for form in entity.forms:
            other = self.by_form.get(form)
            if other is None or other is entity:
                continue
            if form == entity.name and form != other.name:
                resolution = f"it is a name here, so no longer an alias of {other.name!r}"
                clash(f"entity {entity.name!r}: form {form!r} is already claimed by {other.name!r} ({other.where()})")
                self._replace(other, _without(other, form))
            else:
                resolution = f"{other.name!r} keeps it"
                what = "name" if form == entity.name and form == other.name else "form"
                clash(f"entity {entity.name!r}: {what} {form!r} is already claimed by "
                      f"{other.name!r} ({other.where()})")
                entity = _without(entity, form)
        for wrong in entity.misspellings:
            if wrong in self.by_form:
                resolution = "it is not repaired"
                clash(f"entity {entity.name!r}: misspelling {wrong!r} is a correct form of {self.by_form[wrong].name!r}")
                entity = _without(entity, wrong)
                continue
            other = self.by_misspelling.get(wrong)
            if other is not None and other.name != entity.name:
                resolution = f"{other.name!r} keeps it"
                clash(f"entity {entity.name!r}: misspelling {wrong!r} is already claimed by "
                      f"{other.name!r} ({other.where()})")
                entity = _without(entity, wrong)
        for form in entity.forms:  # a correct form elsewhere may not be someone's misspelling
            if form in self.by_misspelling:
                other = self.by_misspelling[form]
                resolution = "it is a correct form, not repaired"
                clash(f"entity {entity.name!r}: {form!r} is listed as a misspelling of {other.name!r} ({other.where()})")
                self._replace(other, _without(other, form))
        self.entities.append(entity)
        for form in entity.forms:
            self.by_form[form] = entity
        for wrong in entity.misspellings:
            self.by_misspelling[wrong] = entity

    def _replace(self, old: Entity, new: Entity) -> None:
        self._remove(old)
        self.entities.append(new)
        for form in new.forms:
            self.by_form[form] = new
        for wrong in new.misspellings:
            self.by_misspelling[wrong] = new


def _without(entity: Entity, form: str) -> Entity:
    """``entity`` without ``form`` among its aliases and misspellings."""
    return Entity(entity.name, entity.kind, entity.gender, tuple(a for a in entity.aliases if a != form),
                  tuple(w for w in entity.misspellings if w != form), entity.path, entity.line)


def load_file(path: Path | str) -> list[Entity]:
    """The entities of one gazetteer file, validated."""
    path = Path(path)
    source, data = tomlfile.load(path, "gazetteer", RuleError)
    if set(data) - {"entity"}:
        raise RuleError(f"unknown top-level key {sorted(set(data) - {'entity'})[0]!r} (expected [[entity]] tables)",
                        path=str(path))
    raw_entities = data.get("entity", [])
    if not isinstance(raw_entities, list):
        raise RuleError("entities must be [[entity]] tables", path=str(path))
    lines = _entity_lines(source)
    out = []
    for index, raw in enumerate(raw_entities):
        line = lines[index] if index < len(lines) else 0
        out.append(_entity(raw, str(path), line))
    return out


def entity_from_table(raw: dict, path: str = "", line: int = 0) -> Entity:
    """One ``[[entity]]`` table (or an inline table of a rule example), validated."""
    return _entity(raw, path, line)


def _entity(raw: dict, path: str, line: int) -> Entity:
    label = repr(raw.get("name")) if isinstance(raw.get("name"), str) else f"#{line}"

    def fail(message: str) -> RuleError:
        return RuleError(f"entity {label}: {message}", path=path, line=line)

    unknown = set(raw) - KEYS
    if unknown:
        raise fail(f"unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(KEYS))})")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip() or name != name.strip():
        raise fail("name must be a non-empty string without surrounding spaces")
    kind = raw.get("kind")
    kind = KIND_SYNONYMS.get(kind, kind) if isinstance(kind, str) else kind
    if kind not in KINDS:
        raise fail(f"kind must be one of {', '.join(KINDS)} (or a word for one of them: "
                   f"{', '.join(sorted(KIND_SYNONYMS))})")
    gender = raw.get("gender")
    if gender is not None and (kind != "person" or gender not in GENDERS):
        raise fail("gender is for persons only, and is male or female")

    def strings(key: str) -> tuple[str, ...]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() == v and v for v in value):
            raise fail(f"{key} must be a list of non-empty strings")
        if len(set(value)) != len(value):
            raise fail(f"{key} lists a form twice")
        return tuple(value)

    aliases, misspellings = strings("aliases"), strings("misspellings")
    if name in aliases:
        raise fail("an alias repeats the name")
    if set(misspellings) & ({name} | set(aliases)):
        raise fail("a misspelling is also a correct form")
    return Entity(name, kind, gender, aliases, misspellings, path, line)


def _entity_lines(source: str) -> list[int]:
    """The line of each ``[[entity]]`` header, counted on from the previous one (counting from the
    top each time made loading a 5,000-entity file quadratic: ~0.1 s)."""
    lines, line, pos = [], 1, 0
    for m in regex.finditer(r"^[ \t]*\[\[[ \t]*entity[ \t]*\]\]", source, regex.M):
        line += source.count("\n", pos, m.start())
        pos = m.start()
        lines.append(line)
    return lines


def load_gazetteers(paths: Iterable[Path | str], *, base: Iterable[Path | str] = ()) -> Gazetteer:
    """Load files (or folders of ``*.toml``) into one validated gazetteer.

    ``base`` (the bundled gazetteer, say) is one layer and ``paths`` another: each is strict in
    itself, and ``paths`` override ``base`` (see the module docstring).
    """
    layer = Gazetteer()
    for entity in _entities(paths):
        layer.add(entity, strict=False)  # a user's files: clashes resolved and warned of
    base = list(base)
    if not base:
        return layer
    gazetteer = Gazetteer()
    for entity in _entities(base):
        gazetteer.add(entity)  # the bundled gazetteer: strict, its tests keep it clean
    for entity in layer:
        gazetteer.override(entity)
    gazetteer.warnings[:0] = layer.warnings
    return gazetteer


def _entities(paths: Iterable[Path | str]) -> Iterator[Entity]:
    for path in paths:
        path = Path(path)
        files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
        for file in files:
            yield from load_file(file)
