"""Names from many cultures: bundled tables, faker locales, and the spelling variants between them.

In: a culture or faker locale and a ``random.Random``. Out: ``PersonName`` (upper case, as
the person writes it, diacritics kept) plus look-ups used to plant watchlist variations:
transliteration groups (``MUHAMMAD``/``MOHAMMED``, ``ZHANG``/``CHEUNG``) and nicknames.

Tables (``pipeline/data/names/``): ``<culture>.csv`` (``kind,name`` with kind ``m`` male given,
``f`` female given, ``s`` surname), ``transliterations.csv`` (``culture,spellings`` with
``|``-separated spellings of one name), ``nicknames.csv`` (``name,nicknames``).
Faker pools are drawn once per generator from an instance seeded with the generator's seed,
so names are reproducible for a seed and a faker version.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from functools import cache
from importlib import import_module, resources

from faker import Generator

TABLE_CULTURES = ("arabic", "cyrillic", "chinese", "spanish", "west_african", "south_asian", "european")

# Latin-script faker locales (ja_JP through its romanised providers).
FAKER_LOCALES = (
    "en_GB", "en_US", "en_IE", "en_AU", "en_CA", "en_NZ", "en_NG", "en_KE", "en_IN", "en_PH", "fr_FR", "fr_CA",
    "de_DE", "de_AT", "de_CH", "it_IT", "es_ES", "es_MX", "es_AR", "es_CO", "pt_BR", "pt_PT", "pl_PL", "cs_CZ",
    "sk_SK", "hu_HU", "ro_RO", "hr_HR", "sl_SI", "sv_SE", "da_DK", "no_NO", "fi_FI", "nl_NL", "nl_BE", "tr_TR",
    "az_AZ", "vi_VN", "id_ID", "fil_PH", "yo_NG", "ig_NG", "ha_NG", "tw_GH", "zu_ZA", "et_EE", "lt_LT", "lv_LV",
    "is_IS", "sq_AL", "ja_JP",
)

POOL_SIZE = 300


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name as they write it: upper case, diacritics kept, given names space-separated."""

    surname: str
    given_names: str
    source: str

    @property
    def given_tokens(self) -> list[str]:
        return self.given_names.split()


def _data(name: str) -> str:
    return resources.files("pipeline").joinpath("data", "names", name).read_text(encoding="utf-8")


@cache
def culture_table(culture: str) -> dict[str, tuple[str, ...]]:
    """The bundled names of ``culture`` keyed by kind (``m``, ``f``, ``s``)."""
    out: dict[str, list[str]] = {"m": [], "f": [], "s": []}
    for row in csv.DictReader(_data(f"{culture}.csv").splitlines()):
        out[row["kind"]].append(row["name"])
    return {k: tuple(v) for k, v in out.items()}


@cache
def transliteration_groups() -> dict[str, tuple[str, ...]]:
    """Each spelling → every spelling of its group (itself included), from ``transliterations.csv``."""
    groups: dict[str, tuple[str, ...]] = {}
    for row in csv.DictReader(_data("transliterations.csv").splitlines()):
        spellings = tuple(row["spellings"].split("|"))
        for s in spellings:
            groups[s] = tuple(dict.fromkeys(groups.get(s, ()) + spellings))
    return groups


@cache
def nicknames() -> dict[str, tuple[str, ...]]:
    """Given name → its common nicknames, from ``nicknames.csv``."""
    return {row["name"]: tuple(row["nicknames"].split("|")) for row in csv.DictReader(_data("nicknames.csv").splitlines())}


def _person_provider(locale: str) -> type:
    """Faker's person provider for ``locale``, or for its language (``en_AU`` → ``en``) as Faker does."""
    for candidate in (locale, locale.split("_")[0], "en"):
        try:
            return import_module(f"faker.providers.person.{candidate}").Provider  # type: ignore[no-any-return]
        except ModuleNotFoundError:
            continue
    raise LookupError(f"no faker person provider for {locale!r}")  # pragma: no cover


class NamePools:
    """Given-name and surname pools per source (``table:<culture>`` or ``faker:<locale>``), drawn once."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._pools: dict[str, dict[str, tuple[str, ...]]] = {}

    def pool(self, source: str) -> dict[str, tuple[str, ...]]:
        if source not in self._pools:
            kind, _, name = source.partition(":")
            self._pools[source] = culture_table(name) if kind == "table" else self._faker_pool(name)
        return self._pools[source]

    def _faker_pool(self, locale: str) -> dict[str, tuple[str, ...]]:
        fake = Generator()  # only the person provider: a full Faker(locale) loads every provider
        fake.add_provider(_person_provider(locale))
        fake.seed_instance(f"{self._seed}:{locale}")
        if locale == "ja_JP":
            male = female = lambda: fake.first_romanized_name()  # noqa: E731
            last = fake.last_romanized_name
        else:
            male, female, last = fake.first_name_male, fake.first_name_female, fake.last_name
        def draw(f):  # type: ignore[no-untyped-def]
            return tuple(dict.fromkeys(" ".join(f().upper().replace("-", " ").split()) for _ in range(POOL_SIZE)))
        return {"m": draw(male), "f": draw(female), "s": draw(last)}

    def name(self, rng: random.Random, source: str, gender: str) -> PersonName:
        """A full name from ``source`` for gender ``M``/``F`` (other genders draw from either)."""
        pool = self.pool(source)
        kind = "m" if gender == "M" else "f" if gender == "F" else rng.choice("mf")
        given = [rng.choice(pool[kind])]
        culture = source.partition(":")[2]
        if rng.random() < _MIDDLE_RATE.get(culture, 0.25):
            middle = rng.choice(pool[kind])
            if middle != given[0]:
                given.append(middle)
        surname = rng.choice(pool["s"])
        if culture in ("spanish", "es_ES", "es_MX", "es_AR", "es_CO") and rng.random() < 0.75:
            second = rng.choice(pool["s"])
            if second != surname:
                surname = f"{surname} {second}"
        if culture == "cyrillic" and kind == "f" and surname.endswith(("OV", "EV", "IN", "YOV")):
            surname += "A"
        return PersonName(surname=surname, given_names=" ".join(given), source=source)


_MIDDLE_RATE = {"arabic": 0.55, "south_asian": 0.3, "chinese": 0.0, "spanish": 0.35, "cyrillic": 0.0,
                "ja_JP": 0.0, "vi_VN": 0.5, "west_african": 0.35}
