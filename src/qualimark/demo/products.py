"""Declared characteristics of the products on demo datasheets, per product family.

The first characteristics of a family name the product (they appear in its name and
stay the same across versions); later versions of a datasheet change the others.
"""

from dataclasses import dataclass
from random import Random
from typing import Any


@dataclass(frozen=True)
class Num:
    name: str
    unit: str
    low: float
    high: float
    step: float

    def draw(self, rng: Random) -> int | float:
        steps = round((self.high - self.low) / self.step)
        value = self.low + self.step * rng.randint(0, steps)
        if float(self.step).is_integer() and float(self.low).is_integer():
            return int(value)
        decimals = len(f"{self.step:.6f}".rstrip("0").split(".")[1])
        return round(value, decimals)


@dataclass(frozen=True)
class Choice:
    name: str
    unit: str
    options: tuple[str, ...]

    def draw(self, rng: Random) -> str:
        return rng.choice(self.options)


Characteristic = Num | Choice


@dataclass(frozen=True)
class Family:
    prefix: str  # the model prefix in trade names, e.g. "GT" for geotextiles
    characteristics: tuple[Characteristic, ...]
    fixed: int = 2  # how many leading characteristics name the product


DN = "nominal diameter"
LOAD = ("A15", "B125", "C250", "D400", "E600")

FAMILIES: dict[str, Family] = {
    "geotextile": Family(
        "GT",
        (
            Num("mass per unit area", "g/m²", 100, 800, 25),
            Choice("polymer", "", ("PP", "PET", "PE")),
            Num("tensile strength (MD)", "kN/m", 6, 60, 0.5),
            Num("elongation at maximum load", "%", 20, 90, 1),
            Num("static puncture strength (CBR)", "N", 1000, 9000, 50),
            Num("characteristic opening size O90", "µm", 60, 220, 5),
            Num("water permeability normal to the plane VH50", "mm/s", 10, 120, 1),
            Choice("durability", "", ("≥ 5 years", "≥ 25 years", "≥ 50 years", "≥ 100 years")),
        ),
    ),
    "geomembrane": Family(
        "GM",
        (
            Num("thickness", "mm", 1.0, 3.0, 0.5),
            Choice("material", "", ("HDPE", "LLDPE", "PVC-P", "EPDM")),
            Num("tensile strength at yield", "kN/m", 15, 55, 1),
            Num("static puncture resistance", "kN", 2.0, 9.0, 0.1),
            Num("oxidation induction time", "min", 100, 200, 5),
        ),
    ),
    "drain": Family(
        "DR",
        (
            Choice(DN, "mm", ("50", "65", "80", "100", "125", "160", "200")),
            Choice("material", "", ("PVC-U", "PE", "PP")),
            Num("ring stiffness", "kN/m²", 2, 8, 1),
            Num("water inlet area", "cm²/m", 10, 50, 1),
            Choice("slot width", "mm", ("0.8", "1.2", "1.5", "2.0")),
        ),
    ),
    "aggregate": Family(
        "AG",
        (
            Choice(
                "grading d/D",
                "mm",
                ("2/6.3", "4/14", "6.3/14", "6.3/20", "14/20", "20/40", "0/20", "0/31.5"),
            ),
            Choice("rock", "", ("porfier", "kalksteen", "zandsteen", "kwartsiet", "grind")),
            Num("resistance to fragmentation (Los Angeles)", "", 12, 35, 1),
            Num("resistance to wear (micro-Deval)", "", 8, 25, 1),
            Num("fines content", "%", 0.5, 9.0, 0.1),
            Num("particle density", "Mg/m³", 2.55, 2.85, 0.01),
            Num("water absorption", "%", 0.2, 2.5, 0.1),
            Num("polished stone value", "PSV", 44, 62, 1),
        ),
    ),
    "sand": Family(
        "ZD",
        (
            Choice("grading d/D", "mm", ("0/1", "0/2", "0/4")),
            Choice("origin", "", ("rivierzand", "zeezand", "brekerzand", "groevezand")),
            Num("fineness modulus", "", 1.2, 3.4, 0.1),
            Num("fines content", "%", 0.5, 10.0, 0.1),
            Num("methylene blue value", "g/kg", 0.2, 2.0, 0.1),
            Num("shell content", "%", 0, 10, 1),
        ),
    ),
    "recycled": Family(
        "RG",
        (
            Choice("grading d/D", "mm", ("0/20", "0/31.5", "0/40", "4/20", "20/40")),
            Choice(
                "type",
                "",
                ("betongranulaat", "mengpuingranulaat", "asfaltgranulaat", "metselwerkgranulaat"),
            ),
            Num("concrete and stone content (Rc + Ru)", "%", 50, 99, 1),
            Num("asphalt content (Ra)", "%", 0, 30, 1),
            Num("floating particles (FL)", "cm³/kg", 0.0, 5.0, 0.1),
            Num("resistance to fragmentation (Los Angeles)", "", 25, 45, 1),
        ),
    ),
    "slag": Family(
        "SL",
        (
            Choice("grading d/D", "mm", ("0/4", "2/6.3", "6.3/14", "0/31.5")),
            Choice("type", "", ("LD-staalslak", "hoogovenslak", "elektrostaalslak")),
            Num("volume stability (steam test)", "%", 0.5, 5.0, 0.1),
            Num("resistance to fragmentation (Los Angeles)", "", 12, 25, 1),
            Num("particle density", "Mg/m³", 2.9, 3.6, 0.01),
        ),
    ),
    "filler": Family(
        "FI",
        (
            Choice("type", "", ("kalksteenfiller", "gemengde filler", "vliegasfiller")),
            Choice("grading", "", ("0/0.063", "0/0.125")),
            Num("passing 0.063 mm", "%", 70, 100, 1),
            Num("voids of dry compacted filler (Rigden)", "%", 28, 45, 1),
            Num("calcium carbonate content", "%", 70, 99, 1),
        ),
    ),
    "asphalt": Family(
        "AC",
        (
            Choice(
                "mix",
                "",
                (
                    "AC 10 surf",
                    "AC 14 surf",
                    "AC 14 base",
                    "AC 20 base",
                    "SMA-C 10",
                    "SMA-D 6.3",
                    "APO-A",
                    "APT-C",
                    "EME 14",
                ),
            ),
            Choice("binder", "", ("35/50", "50/70", "70/100", "PmB 45/80-50", "PmB 25/55-55")),
            Num("binder content", "%", 4.0, 6.8, 0.1),
            Num("air voids", "%", 2.0, 8.0, 0.1),
            Num("water sensitivity (ITSR)", "%", 70, 100, 1),
            Num("proportional rut depth (PRD)", "%", 3.0, 10.0, 0.5),
            Num("reclaimed asphalt content", "%", 0, 50, 5),
        ),
    ),
    "mastic": Family(
        "GA",
        (
            Choice("type", "", ("MA 4", "MA 6.3", "MA 8", "MA 11")),
            Choice("binder", "", ("20/30", "35/50", "PmB 25/55-55")),
            Num("binder content", "%", 6.5, 9.0, 0.1),
            Num("indentation (40 °C)", "mm", 1.0, 6.0, 0.5),
        ),
    ),
    "coldmix": Family(
        "KM",
        (
            Choice("grading", "mm", ("0/4", "0/6.3", "0/10")),
            Choice("binder", "", ("bitumen met solvent", "emulsie", "reactieve hars")),
            Num("binder content", "%", 4.0, 6.5, 0.1),
            Num("storage life", "months", 3, 18, 1),
        ),
    ),
    "emulsion": Family(
        "EM",
        (
            Choice("designation", "", ("C60B4", "C65B3", "C69BP3", "C60BP4", "C67BP5")),
            Choice("use", "", ("kleeflaag", "oppervlakbehandeling", "koud mengsel")),
            Num("binder content", "%", 58, 70, 1),
            Num("breaking value", "", 70, 180, 5),
            Num("residue on sieve 0.5 mm", "%", 0.0, 0.2, 0.01),
            Num("settling tendency (7 d)", "%", 1, 10, 1),
        ),
    ),
    "bitumen": Family(
        "BI",
        (
            Choice("grade", "", ("20/30", "35/50", "50/70", "70/100", "160/220")),
            Choice("origin", "", ("raffinaderij Antwerpen", "raffinaderij Rotterdam", "import")),
            Num("penetration at 25 °C", "0.1 mm", 20, 220, 1),
            Num("softening point (R&B)", "°C", 35.0, 70.0, 0.5),
            Num("Fraass breaking point", "°C", -20, -5, 1),
        ),
    ),
    "grid": Family(
        "AR",
        (
            Choice("material", "", ("glasvezel", "polyester", "koolstofvezel")),
            Num("tensile strength", "kN/m", 50, 200, 5),
            Num("mesh size", "mm", 20, 50, 1),
            Num("elongation at break", "%", 2.0, 12.0, 0.5),
            Choice("coating", "", ("bitumen", "SBR-latex")),
        ),
    ),
    "kerb": Family(
        "KB",
        (
            Choice("type", "", ("IA", "IB", "IC", "ID1", "ID2", "ID3", "ID4", "KOB 30", "KOG 20")),
            Choice(
                "dimensions", "mm", ("100×300×1000", "120×150×1000", "150×250×1000", "200×300×1000")
            ),
            Num("splitting tensile strength", "MPa", 3.6, 5.2, 0.1),
            Num("abrasion resistance", "mm", 17.0, 23.0, 0.5),
            Num("water absorption", "%", 3.0, 6.0, 0.1),
            Num("freeze-thaw scaling", "kg/m²", 0.05, 1.0, 0.05),
            Choice("finish", "", ("grijs", "antraciet", "rood", "gewassen", "gestraald")),
        ),
    ),
    "block": Family(
        "BS",
        (
            Choice(
                "format",
                "mm",
                ("220×110×80", "220×110×100", "200×200×80", "300×100×80", "150×150×80"),
            ),
            Choice("colour", "", ("grijs", "antraciet", "rood", "geel", "nuance")),
            Num("splitting tensile strength", "MPa", 3.6, 5.0, 0.1),
            Num("abrasion resistance", "mm", 17.0, 23.0, 0.5),
            Num("water absorption", "%", 3.0, 6.0, 0.1),
            Num("freeze-thaw scaling", "kg/m²", 0.05, 1.0, 0.05),
        ),
    ),
    "flag": Family(
        "BT",
        (
            Choice("format", "mm", ("300×300×45", "400×400×50", "300×300×60", "600×300×80")),
            Choice("finish", "", ("glad", "gewassen", "gestraald", "gezoet")),
            Num("bending strength", "MPa", 3.5, 6.0, 0.1),
            Num("breaking load", "kN", 4.5, 14.0, 0.5),
            Num("abrasion resistance", "mm", 17.0, 23.0, 0.5),
            Num("water absorption", "%", 3.0, 6.0, 0.1),
        ),
    ),
    "concrete_pipe": Family(
        "BB",
        (
            Choice(DN, "mm", ("300", "400", "500", "600", "800", "1000", "1200", "1500")),
            Choice("reinforcement", "", ("ongewapend", "gewapend", "staalvezelbeton")),
            Num("crushing load", "kN/m", 40, 240, 5),
            Num("water absorption", "%", 3.0, 6.0, 0.1),
            Choice("joint", "", ("spie-mof met rubberring", "tand-groef")),
        ),
    ),
    "channel": Family(
        "LA",
        (
            Choice("nominal width", "mm", ("100", "150", "200", "300")),
            Choice("load class", "", LOAD),
            Num("overall height", "mm", 100, 400, 10),
            Num("water absorption", "%", 3.0, 6.0, 0.1),
        ),
    ),
    "concrete": Family(
        "WB",
        (
            Choice("strength class", "", ("C25/30", "C30/37", "C35/45", "C40/50")),
            Choice("cement", "", ("CEM I 52.5 N", "CEM III/A 42.5 N LA", "CEM III/B 42.5 N LA")),
            Num("water/cement ratio", "", 0.38, 0.55, 0.01),
            Num("air content", "%", 3.0, 6.5, 0.1),
            Choice("consistency class", "", ("S1", "S2", "S3", "F3")),
            Num("compressive strength (28 d)", "MPa", 30.0, 60.0, 0.5),
        ),
    ),
    "binder": Family(
        "HB",
        (
            Choice("class", "", ("HRB E2", "HRB E3", "HRB E4", "HRB N3")),
            Choice("main constituent", "", ("klinker", "hoogovenslak", "vliegas")),
            Num("compressive strength (56 d)", "MPa", 5.0, 22.0, 0.5),
            Num("residue on 90 µm sieve", "%", 1.0, 15.0, 0.5),
            Num("initial setting time", "min", 120, 480, 10),
            Num("SO3 content", "%", 1.0, 4.0, 0.1),
        ),
    ),
    "clay_pipe": Family(
        "GR",
        (
            Choice(DN, "mm", ("150", "200", "250", "300", "400", "500", "600", "800")),
            Choice("joint system", "", ("C", "F", "K")),
            Num("crushing strength", "kN/m", 28, 160, 2),
            Num("bending moment resistance", "kN", 10, 60, 1),
            Num("water absorption", "%", 1.0, 6.0, 0.1),
        ),
    ),
    "plastic_pipe": Family(
        "KR",
        (
            Choice(DN, "mm", ("110", "125", "160", "200", "250", "315", "400", "500")),
            Choice("material", "", ("PVC-U", "PP", "PE-HD")),
            Choice("ring stiffness class", "", ("SN4", "SN8", "SN16")),
            Num("wall thickness", "mm", 3.2, 15.3, 0.1),
            Num("true impact rate (TIR)", "%", 1, 10, 1),
        ),
    ),
    "seal": Family(
        "DS",
        (
            Choice(DN, "mm", ("110", "160", "200", "300", "400", "600")),
            Choice("elastomer", "", ("EPDM", "SBR", "NBR")),
            Num("hardness", "IRHD", 40, 60, 1),
            Num("compression set (72 h, 23 °C)", "%", 5.0, 12.0, 0.5),
            Num("tensile strength", "MPa", 9.0, 16.0, 0.5),
        ),
    ),
    "chamber": Family(
        "HP",
        (
            Choice(DN, "mm", ("315", "400", "500", "630", "800", "1000")),
            Choice("material", "", ("PP", "PE", "PVC-U")),
            Choice("load class", "", ("A15", "B125", "D400")),
            Num("ring stiffness", "kN/m²", 2, 8, 1),
        ),
    ),
    "iron_pipe": Family(
        "GB",
        (
            Choice(DN, "mm", ("100", "150", "200", "300", "400", "500")),
            Choice("lining", "", ("cementmortel", "polyurethaan")),
            Choice("coating", "", ("zink + epoxy", "zink + bitumen", "zink-aluminium")),
            Num("wall thickness", "mm", 4.7, 9.5, 0.1),
        ),
    ),
    "cover": Family(
        "PD",
        (
            Choice("load class", "", ("B125", "C250", "D400", "E600", "F900")),
            Choice("clear opening", "mm", ("500", "600", "650", "700", "800")),
            Choice("material", "", ("grijs gietijzer", "nodulair gietijzer", "beton-gietijzer")),
            Num("depth of frame", "mm", 75, 160, 5),
            Choice(
                "securing", "", ("scharnier en vergrendeling", "boutvergrendeling", "eigen gewicht")
            ),
        ),
    ),
    "barrier": Family(
        "VR",
        (
            Choice("containment level", "", ("N2", "H1", "H2", "H4b")),
            Choice("working width class", "", ("W2", "W3", "W4", "W5", "W6", "W7")),
            Choice("impact severity level", "", ("ASI A", "ASI B")),
            Num("dynamic deflection", "m", 0.4, 2.5, 0.1),
            Num("post spacing", "m", 1.0, 4.0, 0.25),
        ),
    ),
    "sign": Family(
        "VB",
        (
            Choice("retroreflection class", "", ("RA1", "RA2", "RA3")),
            Choice("size", "mm", ("400", "700", "900", "1100")),
            Choice("wind load class", "", ("WL2", "WL5", "WL6")),
            Choice("temporary deflection class", "", ("TDB3", "TDB4", "TDB5")),
            Choice("panel material", "", ("aluminium", "staal")),
        ),
    ),
    "sheeting": Family(
        "RF",
        (
            Choice("class", "", ("RA1", "RA2", "RA3 ZEB", "RA3 ZEK")),
            Choice("colour", "", ("wit", "geel", "rood", "blauw", "groen")),
            Num("coefficient of retroreflection R'", "cd·lx⁻¹·m⁻²", 50, 600, 10),
            Num("durability", "years", 7, 15, 1),
        ),
    ),
    "gantry": Family(
        "PT",
        (
            Choice("type", "", ("portiek", "uithouder", "halve portiek")),
            Num("span", "m", 8.0, 40.0, 0.5),
            Choice("corrosion protection", "", ("thermisch verzinkt", "verzinkt en gelakt")),
            Num("reference wind speed", "m/s", 24.0, 30.0, 0.5),
        ),
    ),
    "column": Family(
        "VP",
        (
            Num("height", "m", 4.0, 16.0, 0.5),
            Choice("material", "", ("staal", "aluminium")),
            Choice("passive safety", "", ("100 NE 3", "70 HE 2", "niet passief veilig")),
            Choice("performance class", "", ("klasse 1", "klasse 2")),
        ),
    ),
    "gabion": Family(
        "SK",
        (
            Choice("mesh", "mm", ("50×50", "80×100", "100×120")),
            Choice("wire coating", "", ("Zn-Al 95/5", "Zn-Al + PVC", "thermisch verzinkt")),
            Num("wire diameter", "mm", 2.7, 5.0, 0.1),
            Num("coating mass", "g/m²", 200, 300, 5),
        ),
    ),
    "marking": Family(
        "WM",
        (
            Choice("product type", "", ("verf", "thermoplast", "koudplast", "voorgevormde tape")),
            Choice("colour", "", ("wit", "geel")),
            Num("luminance coefficient Qd", "mcd·m⁻²·lx⁻¹", 130, 200, 5),
            Num("retroreflection RL (dry)", "mcd·m⁻²·lx⁻¹", 100, 300, 10),
            Num("skid resistance", "SRT", 45, 65, 1),
            Num("application thickness", "mm", 0.4, 3.0, 0.1),
        ),
    ),
    "beads": Family(
        "GP",
        (
            Choice("grading", "µm", ("100-600", "180-850", "600-1400")),
            Choice("coating", "", ("silaan", "vochtwerend", "geen")),
            Num("refractive index", "", 1.50, 1.90, 0.01),
            Num("defective beads", "%", 1, 20, 1),
        ),
    ),
    "stud": Family(
        "WR",
        (
            Choice("type", "", ("P1", "P2", "P3", "P4")),
            Choice("colour", "", ("wit", "geel", "rood")),
            Num("luminous intensity", "mcd/lx", 50, 400, 10),
            Num("compressive load", "kN", 100, 300, 10),
        ),
    ),
    "salt": Family(
        "SZ",
        (
            Choice("grading", "mm", ("0-3", "0-5", "0-8")),
            Choice("type", "", ("zeezout", "steenzout", "vacuümzout")),
            Num("sodium chloride content", "%", 95.0, 99.8, 0.1),
            Num("moisture content", "%", 0.1, 3.0, 0.1),
            Num("anti-caking agent", "mg/kg", 50, 150, 5),
        ),
    ),
    "sealant": Family(
        "VV",
        (
            Choice("type", "", ("warm verwerkbaar", "koud verwerkbaar", "voorgevormd profiel")),
            Choice("base", "", ("bitumen-polymeer", "siliconen", "polyurethaan", "EPDM")),
            Num("resilience", "%", 60, 90, 1),
            Num("cone penetration", "0.1 mm", 40, 130, 5),
        ),
    ),
    "stone": Family(
        "NS",
        (
            Choice("stone", "", ("blauwe hardsteen", "porfier", "graniet", "zandsteen")),
            Choice("format", "mm", ("140×140×140", "100×100×100", "150×300×1000", "80×80×80")),
            Num("flexural strength", "MPa", 8.0, 25.0, 0.5),
            Num("water absorption", "%", 0.1, 1.5, 0.05),
            Num("abrasion resistance", "mm", 15.0, 22.0, 0.5),
        ),
    ),
    "clay_paver": Family(
        "KL",
        (
            Choice("format", "mm", ("200×100×50", "200×50×85", "188×88×65")),
            Choice("colour", "", ("rood", "paars gebrand", "geel", "antraciet")),
            Num("transverse breaking load", "N/mm", 30, 90, 1),
            Num("abrasion resistance", "mm³", 300, 1100, 50),
        ),
    ),
    "joint": Family(
        "BV",
        (
            Choice("type", "", ("vingervoeg", "lamellenvoeg", "matvoeg", "asfaltvoeg")),
            Num("movement capacity", "mm", 20, 400, 10),
            Choice("load model", "", ("LM1", "LM2")),
            Num("working life", "years", 15, 50, 5),
        ),
    ),
    "waterproofing": Family(
        "BA",
        (
            Choice("system", "", ("bitumineuze membraan", "vloeibaar PMMA", "polyurethaan")),
            Num("thickness", "mm", 2.0, 6.0, 0.5),
            Num("adhesion to concrete", "MPa", 0.4, 2.0, 0.1),
            Num("crack bridging at -20 °C", "mm", 0.5, 3.0, 0.1),
        ),
    ),
    "antiskid": Family(
        "AS",
        (
            Choice("binder", "", ("epoxy", "PMMA", "polyurethaan")),
            Choice("aggregate", "", ("gecalcineerd bauxiet", "korund", "porfier 1/3")),
            Num("skid resistance (PTV)", "", 55, 85, 1),
            Num("texture depth", "mm", 0.8, 2.0, 0.1),
        ),
    ),
    "noise": Family(
        "GS",
        (
            Choice("material", "", ("houtbeton", "aluminium", "beton", "transparant PMMA")),
            Num("height", "m", 2.0, 6.0, 0.5),
            Num("sound absorption DLα", "dB", 4, 16, 1),
            Num("airborne sound insulation DLR", "dB", 20, 42, 1),
        ),
    ),
}

SUFFIXES = (" Plus", " S", " NG", " 2.0", " HD", " Eco")


def values(rng: Random, family: Family) -> list[Any]:
    return [characteristic.draw(rng) for characteristic in family.characteristics]


def revised(rng: Random, family: Family, previous: list[Any]) -> list[Any]:
    """The values of a next version: the naming ones kept, one or two of the others redrawn."""
    changed = list(previous)
    free = range(family.fixed, len(family.characteristics))
    for index in rng.sample(free, k=min(len(free), rng.randint(1, 2))):
        changed[index] = family.characteristics[index].draw(rng)
    return changed


def declared(family: Family, drawn: list[Any]) -> list[dict[str, Any]]:
    return [
        {"name": c.name, "value": value, "unit": c.unit}
        for c, value in zip(family.characteristics, drawn, strict=True)
    ]


def trade_name(rng: Random, brand: str, family: Family) -> str:
    return f"{brand} {family.prefix}-{rng.randint(10, 999)}"
