"""The marks and subjects of the demo registry: what a Belgian road-sector CB certifies.

PTV 829 (geotextiles) and PTV 8049 (storage of tar-containing reclaimed asphalt) are the
numbers the domain texts name; the other document numbers are illustrative, chosen in
the same ranges (execution prescriptions in the 8xxx series).
"""

from dataclasses import dataclass

from qualimark.schemes.models import Kind


@dataclass(frozen=True)
class SchemeSpec:
    code: str
    name: str
    owner: str
    kind: Kind
    validity_years: int | None
    nl: str
    fr: str
    en: str


SCHEMES = (
    SchemeSpec(
        "BENOR",
        "BENOR",
        "NBN (run by BENOR vzw)",
        Kind.PRODUCT,
        None,
        "Het Belgische kwaliteitsmerk voor bouwproducten die aan een Belgische of Europese "
        "norm en de bijbehorende PTV voldoen.",
        "La marque de qualité belge des produits de construction conformes à une norme belge "
        "ou européenne et à la PTV correspondante.",
        "The Belgian quality mark for construction products that meet a Belgian or European "
        "standard and the matching PTV.",
    ),
    SchemeSpec(
        "COPRO",
        "COPRO",
        "COPRO vzw",
        Kind.PRODUCT,
        None,
        "Het eigen kwaliteitsmerk van de certificatie-instelling, voor producten waarvoor "
        "geen BENOR-merk bestaat.",
        "La marque propre de l'organisme de certification, pour les produits sans marque BENOR.",
        "The certification body's own mark, for products that have no BENOR mark.",
    ),
    SchemeSpec(
        "ATG",
        "ATG – Technische Goedkeuring",
        "BUtgb",
        Kind.PRODUCT,
        3,
        "Technische goedkeuring van de BUtgb: één product, één fabrikant, één toepassing, "
        "drie jaar geldig, altijd met certificatie.",
        "Agrément technique de l'UBAtc : un produit, un fabricant, une application, valable "
        "trois ans, toujours avec certification.",
        "Technical approval by the BUtgb: one product, one manufacturer, one application, "
        "valid for three years, always with certification.",
    ),
    SchemeSpec(
        "COPRO.EXE",
        "COPRO uitvoering",
        "COPRO vzw",
        Kind.EXECUTION,
        None,
        "Certificatie van de uitvoering van werken op de bouwplaats, per uitvoeringstype.",
        "Certification de l'exécution de travaux sur chantier, par type d'exécution.",
        "Certification of work carried out on site, per execution type.",
    ),
)


@dataclass(frozen=True)
class SubjectSpec:
    code: str
    scheme: str
    number: str  # of its PTV (or, under ATG, of its approval guideline)
    nl: str
    fr: str
    en: str
    sector: str  # which producers make it ("execution" for executions)
    family: str  # the characteristics of its datasheets (see products.FAMILIES)
    products: tuple[str, ...]  # product names, formatted with the naming characteristics
    inspections: tuple[int, int]  # (min, max) inspections a year in the current regulation
    weight: float = 1.0  # how often producers of the sector hold it
    sheets: float = 1.0  # how many datasheets a certificate has, relatively


def _product(
    code: str,
    scheme: str,
    number: str,
    names: tuple[str, str, str],
    sector: str,
    family: str,
    products: tuple[str, ...],
    inspections: tuple[int, int],
    weight: float = 1.0,
    sheets: float = 1.0,
) -> SubjectSpec:
    nl, fr, en = names
    return SubjectSpec(
        code, scheme, number, nl, fr, en, sector, family, products, inspections, weight, sheets
    )


def _execution(code: str, number: str, names: tuple[str, str, str], weight: float) -> SubjectSpec:
    nl, fr, en = names
    return SubjectSpec(code, "COPRO.EXE", number, nl, fr, en, "execution", "", (), (2, 4), weight)


SUBJECTS: tuple[SubjectSpec, ...] = (
    # geosynthetics
    _product(
        "geotextiles",
        "BENOR",
        "829",
        (
            "Geotextielen en verwante producten",
            "Géotextiles et produits apparentés",
            "Geotextiles and geotextile-related products",
        ),
        "geosynthetics",
        "geotextile",
        (
            "Vliesgeotextiel {1} {0} g/m²",
            "Geweven geotextiel {1} {0} g/m²",
            "Géotextile non tissé {1} {0} g/m²",
        ),
        (4, 8),
        weight=3,
        sheets=1.5,
    ),
    _product(
        "geosynthetic-barriers",
        "COPRO",
        "830",
        ("Geosynthetische afdichtingsbanen", "Géomembranes", "Geosynthetic barriers"),
        "geosynthetics",
        "geomembrane",
        ("Geomembraan {1} {0} mm", "Géomembrane {1} {0} mm"),
        (2, 4),
    ),
    _product(
        "drainage-pipes",
        "COPRO",
        "831",
        ("Drainagebuizen", "Tuyaux de drainage", "Drainage pipes"),
        "geosynthetics",
        "drain",
        ("Drainagebuis {1} DN {0}", "Tuyau de drainage {1} DN {0}"),
        (2, 4),
    ),
    # aggregates
    _product(
        "natural-aggregates",
        "BENOR",
        "411",
        ("Natuurlijke granulaten", "Granulats naturels", "Natural aggregates"),
        "aggregates",
        "aggregate",
        ("Gebroken {1} {0}", "Granulaat {1} {0}"),
        (4, 6),
        weight=3,
        sheets=1.5,
    ),
    _product(
        "recycled-aggregates",
        "COPRO",
        "406",
        ("Gerecycleerde granulaten", "Granulats recyclés", "Recycled aggregates"),
        "aggregates",
        "recycled",
        ("{1} {0}",),
        (4, 8),
        weight=2.5,
        sheets=1.2,
    ),
    _product(
        "slag-aggregates",
        "COPRO",
        "412",
        (
            "Staalslakken en hoogovenslakken als granulaat",
            "Granulats de laitier et de scories",
            "Slag aggregates",
        ),
        "aggregates",
        "slag",
        ("{1} {0}",),
        (4, 6),
        weight=0.6,
    ),
    _product(
        "sand",
        "BENOR",
        "413",
        (
            "Zand voor mortel en beton",
            "Sables pour mortiers et bétons",
            "Sand for mortar and concrete",
        ),
        "aggregates",
        "sand",
        ("{1} {0}", "Zand {0} ({1})"),
        (4, 6),
        weight=1.5,
    ),
    _product(
        "fillers",
        "BENOR",
        "414",
        (
            "Vulstoffen voor bitumineuze mengsels",
            "Fillers pour mélanges bitumineux",
            "Fillers for bituminous mixtures",
        ),
        "aggregates",
        "filler",
        ("{0} {1}",),
        (2, 4),
        weight=0.5,
    ),
    # asphalt
    _product(
        "bituminous-mixtures",
        "BENOR",
        "861",
        ("Bitumineuze mengsels", "Mélanges bitumineux", "Bituminous mixtures"),
        "asphalt",
        "asphalt",
        ("{0} {1}", "Asfaltmengsel {0} {1}", "Enrobé {0} {1}"),
        (6, 12),
        weight=4,
        sheets=3,
    ),
    _product(
        "mastic-asphalt",
        "BENOR",
        "862",
        ("Gietasfalt", "Asphalte coulé", "Mastic asphalt"),
        "asphalt",
        "mastic",
        ("Gietasfalt {0} {1}", "Asphalte coulé {0} {1}"),
        (4, 6),
        weight=0.5,
    ),
    _product(
        "cold-repair-mixtures",
        "COPRO",
        "863",
        (
            "Koudgemengde herstelmengsels",
            "Enrobés à froid de réparation",
            "Cold-mix repair asphalt",
        ),
        "asphalt",
        "coldmix",
        ("Herstelmengsel {0} ({1})", "Enrobé à froid {0}"),
        (2, 4),
        weight=0.5,
    ),
    _product(
        "bituminous-emulsions",
        "COPRO",
        "864",
        ("Bitumineuze emulsies", "Émulsions bitumineuses", "Bituminous emulsions"),
        "asphalt",
        "emulsion",
        ("Kationische emulsie {0}", "Émulsion cationique {0}"),
        (4, 6),
        weight=0.8,
    ),
    _product(
        "paving-bitumen",
        "COPRO",
        "865",
        ("Wegenbitumen", "Bitumes routiers", "Paving grade bitumen"),
        "asphalt",
        "bitumen",
        ("Wegenbitumen {0}", "Bitume routier {0}"),
        (6, 12),
        weight=0.4,
    ),
    # concrete products
    _product(
        "concrete-kerbs",
        "BENOR",
        "821",
        (
            "Betonnen boordstenen en watergreppels",
            "Bordures et filets d'eau en béton",
            "Concrete kerbs and gutters",
        ),
        "concrete",
        "kerb",
        ("Betonboordsteen {0} {1}", "Bordure en béton {0} {1}"),
        (4, 6),
        weight=3,
        sheets=1.5,
    ),
    _product(
        "concrete-paving-blocks",
        "BENOR",
        "822",
        ("Betonstraatstenen", "Pavés en béton", "Concrete paving blocks"),
        "concrete",
        "block",
        ("Betonstraatsteen {0} {1}", "Pavé en béton {0} {1}"),
        (4, 6),
        weight=3,
        sheets=1.5,
    ),
    _product(
        "concrete-flags",
        "BENOR",
        "823",
        ("Betontegels", "Dalles en béton", "Concrete paving flags"),
        "concrete",
        "flag",
        ("Betontegel {0} {1}", "Dalle en béton {0} {1}"),
        (4, 6),
        weight=2,
    ),
    _product(
        "concrete-pipes",
        "BENOR",
        "824",
        (
            "Betonnen buizen en inspectieputten",
            "Tuyaux et chambres de visite en béton",
            "Concrete pipes and manholes",
        ),
        "concrete",
        "concrete_pipe",
        ("Betonbuis DN {0} {1}", "Tuyau en béton DN {0} {1}"),
        (4, 6),
        weight=2,
    ),
    _product(
        "concrete-drainage-channels",
        "BENOR",
        "825",
        (
            "Lijnvormige afwateringselementen in beton",
            "Caniveaux en béton",
            "Concrete drainage channels",
        ),
        "concrete",
        "channel",
        ("Afwateringsgoot {0} mm {1}", "Caniveau {0} mm {1}"),
        (2, 4),
    ),
    _product(
        "road-concrete",
        "BENOR",
        "826",
        ("Wegenbeton", "Béton routier", "Road concrete"),
        "concrete",
        "concrete",
        ("Wegenbeton {0} ({1})", "Béton routier {0} ({1})"),
        (6, 10),
        weight=1.5,
    ),
    _product(
        "lean-concrete",
        "COPRO",
        "827",
        (
            "Schraal beton voor funderingen",
            "Béton maigre pour fondations",
            "Lean concrete for road bases",
        ),
        "concrete",
        "concrete",
        ("Schraal beton {0} ({1})", "Béton maigre {0} ({1})"),
        (4, 6),
    ),
    _product(
        "hydraulic-road-binders",
        "BENOR",
        "828",
        (
            "Hydraulische wegenbindmiddelen",
            "Liants hydrauliques routiers",
            "Hydraulic road binders",
        ),
        "concrete",
        "binder",
        ("Wegenbindmiddel {0}", "Liant routier {0}"),
        (6, 12),
        weight=0.4,
    ),
    _product(
        "joint-sealants",
        "COPRO",
        "832",
        (
            "Voegvullingsproducten voor betonverhardingen",
            "Produits de scellement de joints pour revêtements en béton",
            "Joint sealants for concrete pavements",
        ),
        "concrete",
        "sealant",
        ("Voegvulling {0} ({1})", "Produit de scellement {0}"),
        (2, 4),
        weight=0.5,
    ),
    # pipes
    _product(
        "vitrified-clay-pipes",
        "BENOR",
        "841",
        (
            "Gresbuizen en hulpstukken",
            "Tuyaux et accessoires en grès",
            "Vitrified clay pipes and fittings",
        ),
        "pipes",
        "clay_pipe",
        ("Gresbuis DN {0} verbinding {1}", "Tuyau en grès DN {0}"),
        (4, 6),
        weight=1.5,
    ),
    _product(
        "plastic-sewer-pipes",
        "BENOR",
        "842",
        (
            "Kunststof rioleringsbuizen",
            "Tuyaux d'égout en matières plastiques",
            "Plastic sewer pipes",
        ),
        "pipes",
        "plastic_pipe",
        ("{1} rioleringsbuis DN {0}", "Tuyau d'égout {1} DN {0}"),
        (4, 6),
        weight=2,
        sheets=1.5,
    ),
    _product(
        "pipe-seals",
        "COPRO",
        "843",
        (
            "Elastomeren dichtingsringen",
            "Bagues d'étanchéité en élastomère",
            "Elastomeric pipe seals",
        ),
        "pipes",
        "seal",
        ("Dichtingsring {1} DN {0}", "Bague d'étanchéité {1} DN {0}"),
        (2, 4),
    ),
    _product(
        "inspection-chambers",
        "COPRO",
        "844",
        (
            "Kunststof huisaansluitputjes",
            "Chambres de raccordement en matières plastiques",
            "Plastic inspection chambers",
        ),
        "pipes",
        "chamber",
        ("Huisaansluitputje {1} DN {0}", "Chambre de raccordement DN {0}"),
        (2, 4),
    ),
    _product(
        "ductile-iron-pipes",
        "BENOR",
        "845",
        (
            "Rioolbuizen in nodulair gietijzer",
            "Tuyaux en fonte ductile pour l'assainissement",
            "Ductile iron sewer pipes",
        ),
        "pipes",
        "iron_pipe",
        ("Gietijzeren rioolbuis DN {0}", "Tuyau en fonte DN {0}"),
        (2, 4),
        weight=0.5,
    ),
    # road equipment
    _product(
        "manhole-covers",
        "BENOR",
        "851",
        (
            "Afdekkingen voor inspectieputten en kolken",
            "Dispositifs de couronnement et de fermeture",
            "Manhole covers and gully tops",
        ),
        "road_equipment",
        "cover",
        ("Putdeksel {0} ø{1}", "Tampon de voirie {0} ø{1}"),
        (4, 6),
        weight=2,
    ),
    _product(
        "steel-safety-barriers",
        "COPRO",
        "869",
        ("Stalen vangrails", "Glissières de sécurité en acier", "Steel safety barriers"),
        "road_equipment",
        "barrier",
        ("Stalen vangrail {0} {1}", "Glissière de sécurité {0} {1}"),
        (4, 8),
        weight=1.5,
        sheets=0.6,
    ),
    _product(
        "concrete-safety-barriers",
        "COPRO",
        "870",
        (
            "Betonnen veiligheidsstootbanden",
            "Barrières de sécurité en béton",
            "Concrete safety barriers",
        ),
        "road_equipment",
        "barrier",
        ("Betonnen stootband {0} {1}", "Barrière en béton {0} {1}"),
        (4, 6),
        sheets=0.6,
    ),
    _product(
        "road-signs",
        "COPRO",
        "872",
        ("Verticale verkeerstekens", "Signaux routiers verticaux", "Vertical road signs"),
        "road_equipment",
        "sign",
        ("Verkeersbord ø{1} {0}", "Signal routier {1} mm {0}"),
        (2, 4),
    ),
    _product(
        "sign-gantries",
        "COPRO",
        "873",
        ("Portieken en uithouders", "Portiques et potences", "Sign gantries and cantilevers"),
        "road_equipment",
        "gantry",
        ("Signalisatie{0} {1} m", "Portique {1} m"),
        (2, 4),
        weight=0.4,
        sheets=0.5,
    ),
    _product(
        "lighting-columns",
        "BENOR",
        "874",
        ("Verlichtingspalen", "Candélabres d'éclairage public", "Lighting columns"),
        "road_equipment",
        "column",
        ("Verlichtingspaal {1} {0} m", "Candélabre {1} {0} m"),
        (2, 4),
    ),
    _product(
        "gabions",
        "COPRO",
        "875",
        ("Schanskorven", "Gabions", "Gabions"),
        "road_equipment",
        "gabion",
        ("Schanskorf maas {0}", "Gabion maille {0}"),
        (2, 4),
        weight=0.4,
    ),
    # road products
    _product(
        "road-marking-materials",
        "COPRO",
        "881",
        ("Wegmarkeringsproducten", "Produits de marquage routier", "Road marking materials"),
        "road_products",
        "marking",
        ("Markering {0} {1}", "Produit de marquage {0} {1}"),
        (4, 6),
        weight=2,
        sheets=1.5,
    ),
    _product(
        "glass-beads",
        "COPRO",
        "882",
        ("Reflecterende glasparels", "Microbilles de verre", "Glass beads for road markings"),
        "road_products",
        "beads",
        ("Glasparels {0}", "Microbilles {0}"),
        (2, 4),
        weight=0.6,
    ),
    _product(
        "road-studs",
        "COPRO",
        "883",
        ("Wegdekreflectoren", "Plots rétroréfléchissants", "Road studs"),
        "road_products",
        "stud",
        ("Wegdekreflector {0} {1}", "Plot rétroréfléchissant {0}"),
        (2, 4),
        weight=0.5,
    ),
    _product(
        "retroreflective-sheeting",
        "COPRO",
        "884",
        ("Retroreflecterende folies", "Films rétroréfléchissants", "Retroreflective sheeting"),
        "road_products",
        "sheeting",
        ("Retroreflecterende folie {0} {1}", "Film {0} {1}"),
        (2, 4),
        weight=0.6,
    ),
    _product(
        "de-icing-salt",
        "COPRO",
        "885",
        ("Strooizout", "Sel de déneigement", "De-icing salt"),
        "road_products",
        "salt",
        ("Strooizout {1} {0}", "Sel de déneigement {0}"),
        (2, 4),
        weight=0.8,
        sheets=0.5,
    ),
    # natural stone and clay
    _product(
        "natural-stone",
        "BENOR",
        "891",
        (
            "Natuursteen boordstenen en kasseien",
            "Bordures et pavés en pierre naturelle",
            "Natural stone kerbs and setts",
        ),
        "stone",
        "stone",
        ("Kasseien {0} {1}", "Pavés {0} {1}"),
        (2, 4),
        weight=1.5,
    ),
    _product(
        "clay-pavers",
        "BENOR",
        "892",
        ("Gebakken straatstenen", "Pavés en terre cuite", "Clay pavers"),
        "stone",
        "clay_paver",
        ("Gebakken klinker {0} {1}", "Pavé en terre cuite {0} {1}"),
        (2, 4),
        sheets=1.5,
    ),
    # technical approvals
    _product(
        "bridge-expansion-joints",
        "ATG",
        "G 0021",
        (
            "Uitzettingsvoegen voor bruggen",
            "Joints de dilatation de ponts",
            "Bridge expansion joints",
        ),
        "bridges",
        "joint",
        ("Brugvoeg {0} {1} mm",),
        (1, 2),
        sheets=0.3,
    ),
    _product(
        "bridge-deck-waterproofing",
        "ATG",
        "G 0022",
        (
            "Waterdichtingssystemen voor brugdekken",
            "Systèmes d'étanchéité pour tabliers de ponts",
            "Bridge deck waterproofing systems",
        ),
        "bridges",
        "waterproofing",
        ("Brugdekafdichting {0} {1} mm",),
        (1, 2),
        sheets=0.3,
    ),
    _product(
        "anti-skid-surfacings",
        "ATG",
        "G 0023",
        ("Antislipbehandelingen", "Revêtements antidérapants", "Anti-skid surfacings"),
        "bridges",
        "antiskid",
        ("Antislipbehandeling {0} – {1}",),
        (1, 2),
        sheets=0.3,
    ),
    _product(
        "noise-barriers",
        "ATG",
        "G 0024",
        ("Geluidsschermen", "Écrans antibruit", "Noise barriers"),
        "bridges",
        "noise",
        ("Geluidsscherm {0} {1} m",),
        (1, 2),
        sheets=0.3,
    ),
    _product(
        "asphalt-reinforcement",
        "ATG",
        "G 0025",
        ("Asfaltwapeningen", "Grilles de renforcement d'enrobés", "Asphalt reinforcement grids"),
        "bridges",
        "grid",
        ("Asfaltwapening {0} {1} kN/m",),
        (1, 2),
        sheets=0.3,
    ),
    # executions
    _execution(
        "tar-containing-asphalt-storage",
        "8049",
        (
            "Tijdelijke opslag van teerhoudend asfaltgranulaat",
            "Stockage temporaire de granulats d'enrobés goudronneux",
            "Temporary storage of tar-containing reclaimed asphalt",
        ),
        1.5,
    ),
    _execution(
        "safety-barrier-installation",
        "8003",
        (
            "Plaatsen van vangrails",
            "Pose de glissières de sécurité",
            "Installation of safety barriers",
        ),
        1.5,
    ),
    _execution(
        "road-marking-application",
        "8006",
        (
            "Aanbrengen van wegmarkeringen",
            "Application de marquages routiers",
            "Application of road markings",
        ),
        1.5,
    ),
    _execution(
        "sewer-laying",
        "8012",
        (
            "Plaatsen van rioleringsbuizen",
            "Pose de canalisations d'égouttage",
            "Laying of sewer pipes",
        ),
        1.0,
    ),
    _execution(
        "paving-block-laying",
        "8015",
        (
            "Plaatsen van straatstenen en tegels",
            "Pose de pavés et de dalles",
            "Laying of paving blocks and flags",
        ),
        1.0,
    ),
    _execution(
        "concrete-pavement-construction",
        "8021",
        (
            "Aanleg van betonverhardingen",
            "Exécution de revêtements en béton",
            "Construction of concrete pavements",
        ),
        0.8,
    ),
    _execution(
        "asphalt-paving",
        "8031",
        (
            "Aanleg van asfaltverhardingen",
            "Exécution de revêtements bitumineux",
            "Asphalt paving works",
        ),
        1.2,
    ),
    _execution(
        "sewer-rehabilitation",
        "8040",
        ("Renovatie van riolen", "Rénovation d'égouts", "Sewer rehabilitation"),
        0.6,
    ),
)

# How much of the trade each sector is: the share of producers that belong to it.
SECTORS: dict[str, float] = {
    "concrete": 0.20,
    "aggregates": 0.16,
    "asphalt": 0.16,
    "pipes": 0.12,
    "road_equipment": 0.10,
    "geosynthetics": 0.08,
    "road_products": 0.08,
    "stone": 0.06,
    "bridges": 0.04,
}
