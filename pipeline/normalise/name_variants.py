"""Name-variant knowledge: transliteration spellings and nicknames, each mapped to one root.

``variant_root(token)`` gives the root a comparable token (``name_forms.comparable``) belongs
to and how it is related to it: ``"spelling"`` (MOHAMMED/MUHAMMAD/MOHAMED, YUSUF/YOUSSEF,
ALEKSANDR/ALEXANDER) or ``"nickname"`` (BILL → WILLIAM). Tokens outside the tables are their
own root. The tables are small and hand-kept: add a row when analysts report a missed spelling.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pipeline.normalise.name_forms import comparable

Relation = Literal["same", "spelling", "nickname"]

# root: spellings (transliteration variants of one name).
SPELLINGS: dict[str, tuple[str, ...]] = {
    "MOHAMMED": ("MUHAMMAD", "MOHAMED", "MOHAMMAD", "MUHAMMED", "MOHAMAD", "MUHAMED", "MOHAMMET", "MEHMET",
                 "MAHOMED", "MOHD", "MUHAMAD", "MOUHAMED", "MOHAMMADOU", "MAHAMAT"),
    "AHMED": ("AHMAD", "AHMET", "AHMADOU", "EHMED"),
    "MAHMOUD": ("MAHMUD", "MEHMUD", "MAHMOOD"),
    "YUSUF": ("YOUSSEF", "YOUSEF", "YUSSUF", "YOUSSOUF", "JUSUF", "YOUSIF", "YOUSUF", "YUSOF", "JOSEF", "YOSEF"),
    "HUSSEIN": ("HUSAYN", "HUSSAIN", "HOSSEIN", "HUSEIN", "HUSSEN", "HUSEYIN", "HOSEIN"),
    "HASSAN": ("HASAN", "HASSANE"),
    "OSAMA": ("USAMA", "USSAMA", "OUSSAMA"),
    "ABDULLAH": ("ABDALLAH", "ABDULLA", "ABDELLAH", "ABDULAH"),
    "OMAR": ("UMAR", "OMER", "OUMAR"),
    "IBRAHIM": ("EBRAHIM", "IBRAHEEM", "IBRAGIM", "IBROHIM"),
    "MUSTAFA": ("MOSTAFA", "MUSTAPHA", "MOUSTAFA"),
    "KHALID": ("KHALED", "HALID", "CHALID"),
    "SULEIMAN": ("SULAYMAN", "SULEYMAN", "SOLIMAN", "SULAIMAN", "SOULEYMANE"),
    "JAMAL": ("GAMAL", "DJAMEL", "JAMEL"),
    "HAMID": ("HAMED", "HAMEED"),
    "ALI": ("ALY",),
    "FATIMA": ("FATMA", "FATEMEH", "FATIMAH"),
    "AISHA": ("AYESHA", "AISHAH", "AYSHA", "AICHA"),
    "ZAINAB": ("ZEINAB", "ZAYNAB"),
    "YOUNES": ("YOUNIS", "YUNUS", "YOUNESS"),
    "ALEKSANDR": ("ALEXANDER", "ALEKSANDER", "ALEXANDR", "ALEXANDRE", "ALESSANDRO", "ALEJANDRO", "OLEKSANDR"),
    "ALEKSEI": ("ALEXEI", "ALEXEY", "ALEKSEY", "OLEKSII"),
    "SERGEI": ("SERGEY", "SERGUEI", "SERHII", "SERHIY"),
    "DMITRI": ("DMITRY", "DMITRIY", "DMYTRO", "DIMITRI"),
    "YURI": ("YURIY", "IURII", "JURI", "YURY", "YURII"),
    "ANDREI": ("ANDREY", "ANDRII", "ANDRIY"),
    "MIKHAIL": ("MICHAIL", "MYKHAILO", "MIKHAEL"),
    "NIKOLAI": ("NIKOLAY", "NICOLAI", "MYKOLA"),
    "EVGENI": ("YEVGENY", "EVGENIY", "YEVGENIY", "EVGENY", "YEVHEN"),
    "GEORGI": ("GEORGIY", "GEORGY", "GIORGI"),
    "VIKTOR": ("VICTOR",),
    "PYOTR": ("PETR", "PIOTR"),
    "MUHAMMADULLAH": ("MOHAMMADULLAH",),
    "ANASTASIA": ("ANASTASIYA", "ANASTASIJA"),
    "TATIANA": ("TATYANA", "TATJANA"),
    "NATALIA": ("NATALYA", "NATALIYA"),
    "YELENA": ("ELENA", "JELENA", "OLENA"),
    # Chinese surnames: pinyin, Wade-Giles and Cantonese romanisations of one character.
    "ZHANG": ("CHANG", "CHEUNG", "CHEONG"),
    "ZHOU": ("CHOW", "CHAU", "CHOU"),
    "XU": ("HSU", "HUI", "TSUI"),
    "HE": ("HO", "HOR"),
    "GUO": ("KUO", "KWOK", "KOK"),
    "WU": ("WOO", "WOU", "NG", "NGU"),
    "ZENG": ("TSENG", "TSANG"),
    "CHEN": ("CHAN", "TAN"),
    "HUANG": ("HWANG", "VONG"),
    "WANG": ("WONG",),
    "LI": ("LEE", "LEI"),
    "LIN": ("LAM", "LIM"),
    "LIU": ("LAU", "LAO"),
    "YANG": ("YEUNG", "YEOH"),
    "ZHAO": ("CHIU", "CHAO", "CHEW"),
    "LIANG": ("LEUNG",),
    "ZHENG": ("CHENG", "CHEANG", "TEH"),
    "CAI": ("CHOI", "TSAI", "CHOY"),
    "XIE": ("TSE", "HSIEH"),
    "LUO": ("LAW", "LO", "LOH"),
    "ZHU": ("CHU", "CHOO"),
    "GAO": ("KO", "KAO"),
    "SUN": ("SUEN", "SOON"),
    "XIAO": ("SIU", "HSIAO"),
    "GUAN": ("KWAN", "KUAN"),
    "JIANG": ("CHIANG", "KEUNG"),
    "FENG": ("FUNG",),
    "DENG": ("TENG",),
}

# root: nicknames and short forms.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "WILLIAM": ("BILL", "BILLY", "WILL", "WILLY", "LIAM"),
    "ROBERT": ("BOB", "BOBBY", "ROB", "ROBBIE", "BERT"),
    "RICHARD": ("RICK", "DICK", "RICH", "RICKY"),
    "JAMES": ("JIM", "JIMMY", "JAMIE"),
    "JOHN": ("JACK", "JOHNNY", "JON"),
    "MICHAEL": ("MIKE", "MICKEY", "MICK"),
    "ALEKSANDR": ("ALEX", "SASHA", "SANDY", "SANDRO"),
    "ELIZABETH": ("LIZ", "BETH", "BETTY", "LIZZY", "ELIZA", "LISA"),
    "KATHERINE": ("KATE", "KATIE", "KATHY", "KAT"),
    "MARGARET": ("MAGGIE", "PEGGY", "MEG", "MARGE"),
    "THOMAS": ("TOM", "TOMMY"),
    "JOSEPH": ("JOE", "JOEY"),
    "CHARLES": ("CHARLIE", "CHUCK"),
    "EDWARD": ("ED", "TED", "EDDIE", "NED"),
    "ANTHONY": ("TONY",),
    "DANIEL": ("DAN", "DANNY"),
    "DAVID": ("DAVE", "DAVY"),
    "CHRISTOPHER": ("CHRIS", "KIT"),
    "NICHOLAS": ("NICK", "NICKY"),
    "MATTHEW": ("MATT",),
    "STEPHEN": ("STEVE", "STEVEN", "STEFAN"),
    "SAMUEL": ("SAM", "SAMMY"),
    "PATRICK": ("PAT", "PADDY"),
    "PATRICIA": ("PATTY", "TRISH", "TRICIA"),
    "JENNIFER": ("JEN", "JENNY"),
    "SUSAN": ("SUE", "SUSIE", "SUZANNE"),
    "REBECCA": ("BECKY", "BECCA"),
    "VICTORIA": ("VICKY", "TORI"),
    "ANDREW": ("ANDY", "DREW"),
    "BENJAMIN": ("BENNY", "BENJI"),
    "GREGORY": ("GREG",),
    "JOSHUA": ("JOSH",),
    "TIMOTHY": ("TIM", "TIMMY"),
    "KENNETH": ("KEN", "KENNY"),
    "RONALD": ("RON", "RONNIE"),
    "DONALD": ("DON", "DONNIE"),
    "LAWRENCE": ("LARRY",),
    "JEFFREY": ("JEFF",),
    "PETER": ("PETE",),
    "ABDULRAHMAN": ("ABDO",),
    "DMITRI": ("DIMA",),
    "VLADIMIR": ("VOVA", "VOLODYA"),
    "IVAN": ("VANYA",),
    "EKATERINA": ("KATYA",),
    "YEKATERINA": ("KATYA",),
    "MARIA": ("MASHA",),
    "NATALIA": ("NATASHA",),
    # Russian diminutives
    "NIKOLAI": ("KOLYA",), "EVGENI": ("ZHENYA",), "ANASTASIA": ("NASTYA",), "MIKHAIL": ("MISHA",),
    "PAVEL": ("PASHA",), "SERGEI": ("SERYOZHA", "SEREZHA"), "ALEKSEI": ("ALYOSHA", "LYOSHA"),
    "TATIANA": ("TANYA",), "OLGA": ("OLYA",), "YELENA": ("LENA",), "YURI": ("YURA",), "PYOTR": ("PETYA",),
    "GRIGORI": ("GRISHA",), "KONSTANTIN": ("KOSTYA",), "ANATOLI": ("TOLYA",), "VIKTOR": ("VITYA",),
    "SVETLANA": ("SVETA",), "LYUDMILA": ("LYUDA", "MILA"), "GALINA": ("GALYA",), "NADEZHDA": ("NADYA",),
    "ANDREI": ("ANDRYUSHA",), "BORIS": ("BORYA",), "VALENTINA": ("VALYA",), "ZINAIDA": ("ZINA",),
    # Spanish hypocorisms
    "JOSE": ("PEPE", "CHEPE"), "JESUS": ("CHUY", "CHUCHO"), "GUADALUPE": ("LUPE", "LUPITA"),
    "FRANCISCO": ("PACO", "PANCHO", "FRAN"), "IGNACIO": ("NACHO",), "DOLORES": ("LOLA",),
    "CONCEPCION": ("CONCHA", "CONCHITA"), "GUILLERMO": ("MEMO",), "ANTONIO": ("TONO",), "EDUARDO": ("LALO",),
    "ALBERTO": ("BETO",), "ENRIQUE": ("QUIQUE",), "RAFAEL": ("RAFA",), "MANUEL": ("MANOLO",),
    "CONSUELO": ("CHELO",), "PILAR": ("PILI",), "ROSARIO": ("CHARO",), "MERCEDES": ("MECHE",),
    # Yoruba short forms (the long form's last part)
    "TEMITOPE": ("TOPE",), "ADEBAYO": ("BAYO",), "OLUWAFEMI": ("FEMI",), "OLUWASEUN": ("SEUN",),
    "BABATUNDE": ("TUNDE",), "OLANREWAJU": ("LANRE",), "OLUSEGUN": ("SEGUN",), "ADEKUNLE": ("KUNLE",),
    "OLUGBENGA": ("GBENGA",), "OMOTAYO": ("TAYO",), "OLUWATOYIN": ("TOYIN",), "ADEDAYO": ("DAYO",),
    "OLUWADAMILARE": ("DAMI",), "OLUWAKEMI": ("KEMI",), "OLUWAFUNMILAYO": ("FUNMI",),
}


def _build() -> dict[str, tuple[str, Relation]]:
    table: dict[str, tuple[str, Relation]] = {}
    for root, spellings in SPELLINGS.items():
        r = comparable(root)
        for s in (root, *spellings):
            table[comparable(s)] = (r, "spelling")
    for root, nicks in NICKNAMES.items():
        r_tok = comparable(root)
        r = table.get(r_tok, (r_tok, "same"))[0]
        for n in nicks:
            table.setdefault(comparable(n), (r, "nickname"))
    return table


_ROOTS = _build()


@lru_cache(maxsize=200_000)
def variant_root(token: str) -> tuple[str, Relation]:
    """The root of a comparable token and how it relates to it.

    ``variant_root(comparable("MUHAMMAD"))`` → ``("MOHAMED", "spelling")``;
    ``variant_root("BIL")`` → ``("WILIAM", "nickname")``; unknown tokens → ``(token, "same")``.
    """
    return _ROOTS.get(token, (token, "same"))
