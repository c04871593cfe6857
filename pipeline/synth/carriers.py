"""Airlines that fly the synthetic schedule: IATA designator, name, home country and hubs.

In: nothing. Out: ``CARRIERS``, a tuple of ``Carrier`` records (real designators and hubs,
all hubs present in the bundled airport table).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Carrier:
    """An airline: two-character designator, name, ISO alpha-3 home country, hub airports."""

    code: str
    name: str
    country: str
    hubs: tuple[str, ...]


CARRIERS: tuple[Carrier, ...] = (
    Carrier("BA", "BRITISH AIRWAYS", "GBR", ("LHR", "LGW")),
    Carrier("VS", "VIRGIN ATLANTIC", "GBR", ("LHR", "MAN")),
    Carrier("EI", "AER LINGUS", "IRL", ("DUB",)),
    Carrier("AF", "AIR FRANCE", "FRA", ("CDG", "ORY")),
    Carrier("KL", "KLM", "NLD", ("AMS",)),
    Carrier("LH", "LUFTHANSA", "DEU", ("FRA", "MUC")),
    Carrier("LX", "SWISS", "CHE", ("ZRH", "GVA")),
    Carrier("OS", "AUSTRIAN", "AUT", ("VIE",)),
    Carrier("SN", "BRUSSELS AIRLINES", "BEL", ("BRU",)),
    Carrier("IB", "IBERIA", "ESP", ("MAD",)),
    Carrier("TP", "TAP AIR PORTUGAL", "PRT", ("LIS",)),
    Carrier("AZ", "ITA AIRWAYS", "ITA", ("FCO",)),
    Carrier("SK", "SAS", "DNK", ("CPH", "ARN", "OSL")),
    Carrier("AY", "FINNAIR", "FIN", ("HEL",)),
    Carrier("LO", "LOT POLISH AIRLINES", "POL", ("WAW",)),
    Carrier("A3", "AEGEAN", "GRC", ("ATH",)),
    Carrier("TK", "TURKISH AIRLINES", "TUR", ("IST",)),
    Carrier("PC", "PEGASUS", "TUR", ("SAW",)),
    Carrier("SU", "AEROFLOT", "RUS", ("SVO",)),
    Carrier("J2", "AZERBAIJAN AIRLINES", "AZE", ("GYD",)),
    Carrier("KC", "AIR ASTANA", "KAZ", ("ALA", "NQZ")),
    Carrier("HY", "UZBEKISTAN AIRWAYS", "UZB", ("TAS",)),
    Carrier("EK", "EMIRATES", "ARE", ("DXB",)),
    Carrier("EY", "ETIHAD", "ARE", ("AUH",)),
    Carrier("FZ", "FLYDUBAI", "ARE", ("DXB",)),
    Carrier("QR", "QATAR AIRWAYS", "QAT", ("DOH",)),
    Carrier("GF", "GULF AIR", "BHR", ("BAH",)),
    Carrier("SV", "SAUDIA", "SAU", ("JED", "RUH")),
    Carrier("RJ", "ROYAL JORDANIAN", "JOR", ("AMM",)),
    Carrier("ME", "MIDDLE EAST AIRLINES", "LBN", ("BEY",)),
    Carrier("MS", "EGYPTAIR", "EGY", ("CAI",)),
    Carrier("AT", "ROYAL AIR MAROC", "MAR", ("CMN",)),
    Carrier("ET", "ETHIOPIAN AIRLINES", "ETH", ("ADD",)),
    Carrier("KQ", "KENYA AIRWAYS", "KEN", ("NBO",)),
    Carrier("SA", "SOUTH AFRICAN AIRWAYS", "ZAF", ("JNB",)),
    Carrier("W3", "ARIK AIR", "NGA", ("LOS",)),
    Carrier("HF", "AIR COTE D'IVOIRE", "CIV", ("ABJ",)),
    Carrier("AI", "AIR INDIA", "IND", ("DEL", "BOM")),
    Carrier("6E", "INDIGO", "IND", ("DEL", "BLR")),
    Carrier("PK", "PAKISTAN INTERNATIONAL", "PAK", ("KHI", "LHE")),
    Carrier("UL", "SRILANKAN AIRLINES", "LKA", ("CMB",)),
    Carrier("TG", "THAI AIRWAYS", "THA", ("BKK",)),
    Carrier("SQ", "SINGAPORE AIRLINES", "SGP", ("SIN",)),
    Carrier("MH", "MALAYSIA AIRLINES", "MYS", ("KUL",)),
    Carrier("GA", "GARUDA INDONESIA", "IDN", ("CGK",)),
    Carrier("PR", "PHILIPPINE AIRLINES", "PHL", ("MNL",)),
    Carrier("VN", "VIETNAM AIRLINES", "VNM", ("SGN", "HAN")),
    Carrier("CX", "CATHAY PACIFIC", "HKG", ("HKG",)),
    Carrier("CI", "CHINA AIRLINES", "TWN", ("TPE",)),
    Carrier("CA", "AIR CHINA", "CHN", ("PEK",)),
    Carrier("MU", "CHINA EASTERN", "CHN", ("PVG",)),
    Carrier("CZ", "CHINA SOUTHERN", "CHN", ("CAN",)),
    Carrier("KE", "KOREAN AIR", "KOR", ("ICN",)),
    Carrier("NH", "ALL NIPPON AIRWAYS", "JPN", ("HND", "NRT")),
    Carrier("JL", "JAPAN AIRLINES", "JPN", ("HND", "NRT")),
    Carrier("QF", "QANTAS", "AUS", ("SYD", "MEL")),
    Carrier("NZ", "AIR NEW ZEALAND", "NZL", ("AKL",)),
    Carrier("AA", "AMERICAN AIRLINES", "USA", ("DFW", "MIA", "JFK")),
    Carrier("UA", "UNITED AIRLINES", "USA", ("EWR", "ORD", "IAH", "SFO")),
    Carrier("DL", "DELTA AIR LINES", "USA", ("ATL", "JFK", "DTW")),
    Carrier("AC", "AIR CANADA", "CAN", ("YYZ", "YUL", "YVR")),
    Carrier("AM", "AEROMEXICO", "MEX", ("MEX",)),
    Carrier("CM", "COPA AIRLINES", "PAN", ("PTY",)),
    Carrier("AV", "AVIANCA", "COL", ("BOG",)),
    Carrier("LA", "LATAM", "CHL", ("SCL", "GRU", "LIM")),
    Carrier("AR", "AEROLINEAS ARGENTINAS", "ARG", ("EZE",)),
    Carrier("G3", "GOL", "BRA", ("GRU",)),
)
