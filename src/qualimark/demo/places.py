"""Belgian places, streets and names for the demo registry.

Towns and postal codes are real; streets are the common names every Belgian town has;
companies and people are invented from common family names.
"""

from dataclasses import dataclass
from random import Random
from typing import Literal

Region = Literal["flanders", "wallonia", "brussels"]


@dataclass(frozen=True)
class Town:
    postal_code: str
    name: str
    region: Region

    @property
    def language(self) -> str:
        return "fr" if self.region == "wallonia" else "nl"


def _towns(region: Region, rows: str) -> tuple[Town, ...]:
    pairs = (row.split(" ", 1) for row in rows.strip().splitlines())
    return tuple(Town(code, name, region) for code, name in pairs)


TOWNS: tuple[Town, ...] = (
    *_towns(
        "flanders",
        """
1500 Halle
1600 Sint-Pieters-Leeuw
1800 Vilvoorde
1830 Machelen
1930 Zaventem
2000 Antwerpen
2070 Zwijndrecht
2200 Herentals
2250 Olen
2260 Westerlo
2300 Turnhout
2390 Malle
2440 Geel
2500 Lier
2800 Mechelen
2830 Willebroek
2845 Niel
2880 Bornem
2900 Schoten
3000 Leuven
3200 Aarschot
3290 Diest
3500 Hasselt
3520 Zonhoven
3550 Heusden-Zolder
3600 Genk
3630 Maasmechelen
3700 Tongeren
3800 Sint-Truiden
3900 Pelt
3960 Bree
8000 Brugge
8020 Oostkamp
8400 Oostende
8500 Kortrijk
8530 Harelbeke
8560 Wevelgem
8630 Veurne
8700 Tielt
8790 Waregem
8800 Roeselare
8870 Izegem
8900 Ieper
8930 Menen
9000 Gent
9070 Destelbergen
9100 Sint-Niklaas
9120 Beveren
9160 Lokeren
9200 Dendermonde
9300 Aalst
9400 Ninove
9500 Geraardsbergen
9600 Ronse
9700 Oudenaarde
9800 Deinze
9900 Eeklo
9940 Evergem
""",
    ),
    *_towns(
        "wallonia",
        """
1300 Wavre
1400 Nivelles
1420 Braine-l'Alleud
1430 Rebecq
1480 Tubize
4000 Liège
4100 Seraing
4140 Sprimont
4400 Flémalle
4460 Grâce-Hollogne
4500 Huy
4600 Visé
4800 Verviers
5000 Namur
5030 Gembloux
5060 Sambreville
5300 Andenne
5500 Dinant
6000 Charleroi
6041 Gosselies
6180 Courcelles
6200 Châtelet
6700 Arlon
6800 Libramont-Chevigny
6900 Marche-en-Famenne
7000 Mons
7060 Soignies
7100 La Louvière
7180 Seneffe
7330 Saint-Ghislain
7500 Tournai
7700 Mouscron
7800 Ath
7860 Lessines
""",
    ),
    *_towns(
        "brussels",
        """
1070 Anderlecht
1120 Neder-Over-Heembeek
1130 Haren
1140 Evere
1190 Vorst
""",
    ),
)

STREETS = {
    "nl": (
        "Industrieweg",
        "Industriepark",
        "Nijverheidslaan",
        "Nijverheidsstraat",
        "Ambachtenlaan",
        "Kanaaldijk",
        "Havenlaan",
        "Molenstraat",
        "Kerkstraat",
        "Stationsstraat",
        "Hoogstraat",
        "Dorpsstraat",
        "Steenweg",
        "Kapelstraat",
        "Europalaan",
        "Schoolstraat",
        "Kouter",
        "Kasteelstraat",
        "Zandstraat",
        "Grote Baan",
        "Bedrijvenzone",
    ),
    "fr": (
        "Rue de l'Industrie",
        "Zoning industriel",
        "Rue de la Station",
        "Chaussée de Bruxelles",
        "Rue des Carrières",
        "Avenue de l'Europe",
        "Rue du Parc industriel",
        "Route de Namur",
        "Rue de la Gare",
        "Rue du Moulin",
        "Rue Saint-Martin",
        "Rue des Fours à Chaux",
        "Chaussée de Charleroi",
        "Rue du Canal",
        "Rue de l'Église",
        "Avenue des Artisans",
    ),
}

FAMILY_NAMES = {
    "nl": (
        "Peeters",
        "Janssens",
        "Maes",
        "Jacobs",
        "Mertens",
        "Willems",
        "Claes",
        "Goossens",
        "Wouters",
        "De Smet",
        "Van den Broeck",
        "Vermeulen",
        "Van Damme",
        "De Clercq",
        "Hermans",
        "Verhoeven",
        "Lambrechts",
        "Van Dyck",
        "De Backer",
        "Vandenberghe",
        "Vanhove",
        "Coppens",
        "De Wilde",
        "Van Acker",
        "Verstraete",
        "Martens",
        "Cools",
        "Smets",
        "Aerts",
        "Stevens",
        "Van de Velde",
        "Devos",
        "Vercammen",
        "Bogaert",
        "Dewulf",
        "Pauwels",
    ),
    "fr": (
        "Dubois",
        "Lambert",
        "Dupont",
        "Martin",
        "Simon",
        "Laurent",
        "Leroy",
        "Lejeune",
        "Renard",
        "Collignon",
        "François",
        "Leclercq",
        "Denis",
        "Gilson",
        "Lemaire",
        "Delvaux",
        "Piron",
        "Thiry",
        "Dethier",
        "Hubert",
        "Collard",
        "Massart",
        "Lecomte",
        "Henrard",
        "Mathieu",
        "Delhaye",
        "Jacquemin",
        "Warnier",
    ),
}

FIRST_NAMES = {
    "nl": ("An", "Jan", "Els", "Koen", "Sofie", "Bart", "Lies", "Tom", "Katrien", "Pieter", "Inge"),
    "fr": ("Marc", "Julie", "Luc", "Sophie", "Pierre", "Isabelle", "Michel", "Anne", "Olivier"),
}

# What producers of a sector call themselves and their plants, per language.
ACTIVITIES = {
    "geosynthetics": (
        ("Geotextiles", "Nonwovens", "Technische Textiel"),
        ("Géotextiles", "Textiles techniques"),
    ),
    "aggregates": (
        ("Groeven", "Zand en Grind", "Granulaten", "Recyclage"),
        ("Carrières", "Granulats", "Sablières"),
    ),
    "asphalt": (
        ("Asfalt", "Asfaltcentrale", "Wegenbouw"),
        ("Enrobés", "Asphaltes", "Travaux routiers"),
    ),
    "concrete": (
        ("Beton", "Betonwaren", "Prefab"),
        ("Bétons", "Préfabrication", "Produits en béton"),
    ),
    "pipes": (
        ("Buizen", "Rioleringstechniek", "Kunststoffen"),
        ("Tuyaux", "Canalisations", "Plastiques"),
    ),
    "road_equipment": (
        ("Metaalconstructie", "Verkeerstechniek", "Gieterij"),
        ("Constructions métalliques", "Fonderie", "Équipements routiers"),
    ),
    "road_products": (
        ("Wegmarkering", "Signalisatie", "Coatings"),
        ("Signalisation", "Marquages", "Revêtements"),
    ),
    "stone": (
        ("Natuursteen", "Steenbakkerij", "Blauwe Steen"),
        ("Pierres", "Briqueterie", "Petit Granit"),
    ),
    "bridges": (
        ("Bridge Systems", "Brugtechniek", "Dilatatievoegen"),
        ("Ouvrages d'art", "Joints de ponts"),
    ),
    "execution": (
        ("Wegenbouw", "Aannemingen", "Grondwerken", "Infra"),
        ("Entreprises", "Travaux publics", "Terrassements"),
    ),
}

PLANTS = {
    "geosynthetics": (("Productiesite", "Fabriek"), ("Usine", "Site de production")),
    "aggregates": (
        ("Groeve", "Breekinstallatie", "Zandwinning"),
        ("Carrière", "Site de concassage", "Sablière"),
    ),
    "asphalt": (("Asfaltcentrale",), ("Centrale d'enrobage",)),
    "concrete": (("Betonfabriek", "Prefabfabriek"), ("Usine à béton", "Usine de préfabrication")),
    "pipes": (("Buizenfabriek", "Productiesite"), ("Usine", "Site de production")),
    "road_equipment": (
        ("Werkplaats", "Gieterij", "Productievestiging"),
        ("Atelier", "Fonderie", "Usine"),
    ),
    "road_products": (("Productiesite", "Menginstallatie"), ("Site de production", "Usine")),
    "stone": (("Groeve", "Steenbakkerij"), ("Carrière", "Briqueterie")),
    "bridges": (("Werkplaats", "Productiesite"), ("Atelier", "Site de production")),
}

FORMS = {"nl": ("NV", "BV", "BV", "CV"), "fr": ("SA", "SRL", "SRL", "SC")}
BRAND_PARTS = (
    ("Geo", "Terra", "Via", "Dura", "Stab", "Flex", "Pro", "Infra", "Rota", "Lapi", "Bel"),
    ("tex", "crete", "line", "stone", "road", "max", "fix", "flow", "grip", "cor"),
)


@dataclass(frozen=True)
class Address:
    street: str
    postal_code: str
    town: str
    language: str


def address(rng: Random, town: Town) -> Address:
    language = rng.choice(("nl", "fr")) if town.region == "brussels" else town.language
    number = rng.randint(1, 250)
    suffix = rng.choice(("", "", "", "", "A", "B")) if number < 100 else ""
    street = f"{rng.choice(STREETS[language])} {number}{suffix}"
    return Address(street, town.postal_code, town.name, language)


def company_name(rng: Random, sector: str, language: str, town: str) -> tuple[str, str]:
    """A company name in a Belgian style, and the family name it was made from."""
    family = rng.choice(FAMILY_NAMES[language])
    other = rng.choice(FAMILY_NAMES[language])
    nl_words, fr_words = ACTIVITIES[sector]
    activity = rng.choice(nl_words if language == "nl" else fr_words)
    if language == "nl":
        patterns = (
            f"{family} {activity}",
            f"{activity} {family}",
            f"{family} & Zonen",
            f"{activity} {town}",
            f"{family}-{other}",
        )
    else:
        patterns = (
            f"{activity} {family}",
            f"{activity} de {town}",
            f"{family} Frères",
            f"Établissements {family}",
            f"{family} & Fils",
        )
    return f"{rng.choice(patterns)} {rng.choice(FORMS[language])}", family


def plant_name(rng: Random, sector: str, language: str, town: str) -> str:
    nl_words, fr_words = PLANTS[sector]
    return f"{rng.choice(nl_words if language == 'nl' else fr_words)} {town}"


def brand(rng: Random, family: str) -> str:
    if rng.random() < 0.5:
        return family.replace(" ", "")
    first, second = BRAND_PARTS
    return rng.choice(first) + rng.choice(second)


def person_name(rng: Random, language: str) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES[language]), rng.choice(FAMILY_NAMES[language])
