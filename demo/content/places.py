"""The Centre of Excellence's five focus areas, and the cities and regions of the demo.

The Finnish cities are the 16 city regions that hold an ecosystem agreement with
the state for 2021–2027 (the Innovation Cities, Innokaupungit). Coordinates are
city centres, rounded."""

from decimal import Decimal as D

from demo.loader import T
from finest.core.models import CityKind, Country

FOCUS_AREAS = [
    {
        "key": "mobility",
        "name": T("Liikkuminen", "Mobilitet", "Mobility"),
        "description": T(
            "Sujuva, vähäpäästöinen ja turvallinen liikkuminen Helsingin ja Tallinnan välillä ja kaupunkien sisällä: "
            "liikkumisen data, liikkumispalvelut ja rajat ylittävä työmatkaliikenne.",
            "Smidig, utsläppssnål och trygg rörlighet mellan Helsingfors och Tallinn och inom städerna: "
            "mobilitetsdata, mobilitetstjänster och gränsöverskridande arbetspendling.",
            "Smooth, low-emission and safe travel between Helsinki and Tallinn and within both cities: "
            "mobility data, mobility services and cross-border commuting.",
        ),
    },
    {
        "key": "energy",
        "name": T("Energia", "Energi", "Energy"),
        "description": T(
            "Puhdas ja kestävä energia kaupungeissa: rakennusten energiatehokkuus, uusiutuva energia ja "
            "energiankulutuksen seuranta datan avulla.",
            "Ren och hållbar energi i städerna: byggnaders energieffektivitet, förnybar energi och "
            "uppföljning av energiförbrukningen med hjälp av data.",
            "Clean and sustainable energy in cities: energy efficiency of buildings, renewable energy and "
            "data-driven monitoring of energy use.",
        ),
    },
    {
        "key": "built-environment",
        "name": T("Rakennettu ympäristö", "Byggd miljö", "Built environment"),
        "description": T(
            "Kaupunkisuunnittelu, rakentaminen ja kiinteistöjen käyttö: digitaaliset kaksoset, "
            "rakennustiedon hallinta ja viihtyisä, vähähiilinen kaupunkiympäristö.",
            "Stadsplanering, byggande och fastighetsanvändning: digitala tvillingar, "
            "hantering av byggnadsinformation och en trivsam, koldioxidsnål stadsmiljö.",
            "Urban planning, construction and the use of buildings: digital twins, "
            "building information management and a pleasant, low-carbon urban environment.",
        ),
    },
    {
        "key": "governance",
        "name": T("Hallinto", "Förvaltning", "Governance"),
        "description": T(
            "Kaupunkien johtaminen ja päätöksenteko: yhteiskehittäminen asukkaiden kanssa, "
            "digitaaliset julkiset palvelut ja rajat ylittävä hallinnollinen yhteistyö.",
            "Styrning och beslutsfattande i städerna: samutveckling med invånarna, "
            "digitala offentliga tjänster och gränsöverskridande administrativt samarbete.",
            "How cities are run and decisions made: co-creation with residents, "
            "digital public services and cross-border administrative cooperation.",
        ),
    },
    {
        "key": "urban-analytics",
        "name": T(
            "Kaupunkianalytiikka ja tiedonhallinta",
            "Stadsanalys och datahantering",
            "Urban analytics and data management",
        ),
        "description": T(
            "Kaupunkidatan keruu, yhdistäminen ja analysointi: avoimet rajapinnat, yhteentoimivat "
            "data-alustat kuten Urban Open Platform ja tiedolla johtaminen.",
            "Insamling, sammanställning och analys av stadsdata: öppna gränssnitt, interoperabla "
            "dataplattformar som Urban Open Platform och kunskapsbaserad ledning.",
            "Collecting, combining and analysing urban data: open interfaces, interoperable "
            "data platforms such as the Urban Open Platform, and data-informed management.",
        ),
    },
]


def innovation_city(key, fi, sv, en, latitude, longitude):
    return {
        "key": key, "name": T(fi, sv, en), "kind": CityKind.CITY, "country": Country.FINLAND,
        "latitude": D(latitude), "longitude": D(longitude),
        "innovation_city": True, "agreement_start": 2021, "agreement_end": 2027,
    }


CITIES = [
    {**innovation_city("helsinki", "Helsinki", "Helsingfors", "Helsinki", "60.169857", "24.938379"), "twin_city": True},
    innovation_city("espoo", "Espoo", "Esbo", "Espoo", "60.205490", "24.655899"),
    innovation_city("vantaa", "Vantaa", "Vanda", "Vantaa", "60.294140", "25.040990"),
    innovation_city("tampere", "Tampere", "Tammerfors", "Tampere", "61.497753", "23.760954"),
    innovation_city("turku", "Turku", "Åbo", "Turku", "60.451810", "22.266630"),
    innovation_city("oulu", "Oulu", "Uleåborg", "Oulu", "65.012089", "25.465077"),
    innovation_city("jyvaskyla", "Jyväskylä", "Jyväskylä", "Jyväskylä", "62.242603", "25.747257"),
    innovation_city("kuopio", "Kuopio", "Kuopio", "Kuopio", "62.892500", "27.677000"),
    innovation_city("lahti", "Lahti", "Lahtis", "Lahti", "60.982670", "25.661510"),
    innovation_city("lappeenranta", "Lappeenranta", "Villmanstrand", "Lappeenranta", "61.058710", "28.186660"),
    innovation_city("joensuu", "Joensuu", "Joensuu", "Joensuu", "62.601810", "29.763600"),
    innovation_city("vaasa", "Vaasa", "Vasa", "Vaasa", "63.095890", "21.615770"),
    innovation_city("pori", "Pori", "Björneborg", "Pori", "61.483330", "21.783330"),
    innovation_city("seinajoki", "Seinäjoki", "Seinäjoki", "Seinäjoki", "62.790000", "22.840000"),
    innovation_city("kokkola", "Kokkola", "Karleby", "Kokkola", "63.838330", "23.130830"),
    innovation_city("rovaniemi", "Rovaniemi", "Rovaniemi", "Rovaniemi", "66.500000", "25.716670"),
    {
        "key": "tallinn", "name": T("Tallinna", "Tallinn", "Tallinn"), "kind": CityKind.CITY,
        "country": Country.ESTONIA, "latitude": D("59.436962"), "longitude": D("24.753574"),
        "twin_city": True,
    },
    {
        "key": "harju", "name": T("Harjumaa", "Harju län", "Harju County"), "kind": CityKind.REGION,
        "country": Country.ESTONIA, "latitude": D("59.333333"), "longitude": D("24.916667"),
    },
    {
        "key": "uusimaa", "name": T("Uusimaa", "Nyland", "Uusimaa"), "kind": CityKind.REGION,
        "country": Country.FINLAND, "latitude": D("60.250000"), "longitude": D("24.750000"),
    },
]
