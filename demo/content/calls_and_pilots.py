"""Living Lab open calls and pilots. The seeds say that Forum Virium Helsinki builds a
Living Lab in Tallinn where Estonian and Finnish companies test cross-border smart
city solutions; the calls, pilots, companies and figures below are demo content
that shows how the portal presents them, and every text says so."""

from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from demo.images import Illustration
from demo.loader import T
from living_lab.models import PilotPhase

from .projects import TWIN_CITIES_ALT

PUBLISHED_AT = datetime(2026, 1, 15, 9, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
HELSINKI = ZoneInfo("Europe/Helsinki")

PCS = T("kpl", "st.", "pcs")

OPEN_CALLS = [
    {
        "key": "uop-lab-call-2024",
        "title": T(
            "UOP.Labin avoin pilottihaku 2024", "UOP.Labs öppna pilotansökan 2024", "UOP.Lab open call for pilots 2024",
        ),
        "summary": T(
            "Demohaku: yritykset ehdottivat rajat ylittäviä älykaupunkipilotteja Helsinkiin ja Tallinnaan.",
            "Demoansökan: företag föreslog gränsöverskridande piloter för smarta städer i Helsingfors och Tallinn.",
            "Demo call: companies proposed cross-border smart city pilots for Helsinki and Tallinn.",
        ),
        "description": T(
            "Haussa etsittiin ratkaisuja, jotka hyödyntävät Urban Open Platformin dataa ja joita voi kokeilla "
            "molemmissa kaupungeissa. Haku on demosisältöä, ja sen summat ovat esimerkkejä.",
            "Ansökan sökte lösningar som använder data från Urban Open Platform och som kan testas i båda "
            "städerna. Ansökan är demoinnehåll och beloppen är exempel.",
            "The call looked for solutions that use data from the Urban Open Platform and can be tested in both "
            "cities. The call is demo content and its amounts are examples.",
        ),
        "eligibility": T(
            "Suomeen tai Viroon rekisteröidyt pk-yritykset, yksin tai yhdessä toisen maan yrityksen kanssa.",
            "Små och medelstora företag registrerade i Finland eller Estland, ensamma eller tillsammans med ett "
            "företag från det andra landet.",
            "Small and medium-sized companies registered in Finland or Estonia, alone or together with a company "
            "from the other country.",
        ),
        "opens_at": datetime(2024, 2, 1, 9, 0, tzinfo=HELSINKI),
        "deadline": datetime(2024, 4, 15, 16, 0, tzinfo=HELSINKI),
        "total_budget": D("240000"), "max_grant": D("60000"),
        "host": "fvh", "project": "finest-twins",
        "focus_areas": ["mobility", "energy", "built-environment"], "cities": ["helsinki", "tallinn"],
    },
    {
        "key": "living-lab-call-2026",
        "title": T(
            "Living Labin avoin haku 2026–2027", "Living Labs öppna ansökan 2026–2027", "Living Lab open call 2026–2027",
        ),
        "summary": T(
            "Demohaku: haemme ratkaisuja katujen talvikunnossapitoon ja kaupunkidatan hyödyntämiseen Vantaalla ja "
            "Tallinnassa.",
            "Demoansökan: vi söker lösningar för gatornas vinterunderhåll och användningen av stadsdata i Vanda "
            "och Tallinn.",
            "Demo call: we are looking for solutions for winter street maintenance and the use of urban data in "
            "Vantaa and Tallinn.",
        ),
        "description": T(
            "Valitut yritykset kokeilevat ratkaisuaan oikeassa kaupunkiympäristössä kevään ja syksyn 2027 aikana. "
            "Haku on demosisältöä, ja sen summat ovat esimerkkejä.",
            "De utvalda företagen testar sin lösning i en verklig stadsmiljö under våren och hösten 2027. "
            "Ansökan är demoinnehåll och beloppen är exempel.",
            "The selected companies test their solution in a real urban setting during spring and autumn 2027. "
            "The call is demo content and its amounts are examples.",
        ),
        "eligibility": T(
            "Suomeen tai Viroon rekisteröidyt yritykset ja tutkimusorganisaatiot. Hakemuksessa on oltava "
            "kokeilusuunnitelma molempiin kaupunkeihin.",
            "Företag och forskningsorganisationer registrerade i Finland eller Estland. Ansökan ska innehålla en "
            "försöksplan för båda städerna.",
            "Companies and research organisations registered in Finland or Estonia. The application must include "
            "a test plan for both cities.",
        ),
        "opens_at": datetime(2026, 11, 2, 9, 0, tzinfo=HELSINKI),
        "deadline": datetime(2027, 1, 29, 16, 0, tzinfo=HELSINKI),
        "total_budget": D("300000"), "max_grant": D("50000"),
        "host": "fvh", "project": "finest-twins",
        "focus_areas": ["mobility", "urban-analytics"], "cities": ["vantaa", "tallinn"],
    },
]

PILOTS = [
    {
        "key": "cross-border-mobility-data",
        "title": T(
            "Demopilotti: rajat ylittävä liikkumisdata", "Demopilot: gränsöverskridande mobilitetsdata",
            "Demo pilot: cross-border mobility data",
        ),
        "summary": T(
            "Kuvitteellinen demopilotti, jossa Helsingin ja Tallinnan liikkumisdata yhdistettiin matkaketjujen "
            "ennustamiseksi.",
            "En fiktiv demopilot där mobilitetsdata från Helsingfors och Tallinn kombinerades för att förutsäga "
            "resekedjor.",
            "A fictional demo pilot that combined mobility data from Helsinki and Tallinn to forecast journeys.",
        ),
        "challenge": T(
            "Helsingin ja Tallinnan välillä pendelöijien matkat jakautuvat usean toimijan järjestelmiin, eikä "
            "kummallakaan kaupungilla ole kokonaiskuvaa matkaketjuista.",
            "Resorna för dem som pendlar mellan Helsingfors och Tallinn är utspridda i flera aktörers system, och "
            "ingen av städerna har en helhetsbild av resekedjorna.",
            "Journeys of people commuting between Helsinki and Tallinn are scattered across several operators' "
            "systems, and neither city has an overall picture of the trips.",
        ),
        "solution": T(
            "Yritykset liittivät anonymisoidut matkustajamäärät ja joukkoliikenteen aikataulut Urban Open Platformin "
            "yhteiseen rajapintaan ja kokeilivat ennustemallia molemmissa satamissa.",
            "Företagen kopplade anonymiserade passagerarantal och kollektivtrafikens tidtabeller till Urban Open "
            "Platforms gemensamma gränssnitt och testade en prognosmodell i båda hamnarna.",
            "The companies connected anonymised passenger counts and public transport timetables to the Urban Open "
            "Platform's shared interface and tested a forecasting model in both ports.",
        ),
        "results": T(
            "Ennusteen tarkkuus parani kummassakin kaupungissa, ja yhteiseen rajapintaan liitettiin useita uusia "
            "tietolähteitä. Tallinnan tavoite jäi osin saavuttamatta.",
            "Prognosens träffsäkerhet förbättrades i båda städerna och flera nya datakällor kopplades till det "
            "gemensamma gränssnittet. Tallinns mål nåddes delvis.",
            "Forecast accuracy improved in both cities and several new data sources were connected to the shared "
            "interface. Tallinn's target was partly met.",
        ),
        "lessons_learned": T(
            "Tietojen yhteiset määritelmät kannattaa sopia ennen teknistä työtä. Tietosuojan arviointi vei "
            "odotettua enemmän aikaa, joten se on aloitettava heti pilotin alussa.",
            "Gemensamma definitioner av data bör avtalas före det tekniska arbetet. Dataskyddsbedömningen tog mer "
            "tid än väntat och bör därför inledas genast när piloten startar.",
            "Agree on shared data definitions before the technical work starts. The data protection assessment "
            "took longer than expected, so it should begin as soon as the pilot does.",
        ),
        "phase": PilotPhase.COMPLETED,
        "host": "fvh", "participants": ["demo-mobility", "demo-ferry-data"], "cities": ["helsinki", "tallinn"],
        "focus_area": "mobility", "project": "finest-twins", "open_call": "uop-lab-call-2024",
        "image": Illustration("mobility-pilot", background="#0f5132", accent="#e9f5ee", highlight="#7cc49b"),
        "image_alt": TWIN_CITIES_ALT,
        "start": date(2024, 6, 1), "end": date(2025, 5, 31),
        "kpis": [
            {
                "name": T("Matkaketjuennusteen tarkkuus", "Träffsäkerhet i prognosen för resekedjor",
                          "Journey forecast accuracy"),
                "unit": T("%", "%", "%"), "measured_at": date(2025, 5, 31),
                "values": [("helsinki", D("62"), D("80"), D("78")), ("tallinn", D("58"), D("80"), D("74"))],
            },
            {
                "name": T("Yhteiseen rajapintaan liitetyt tietolähteet", "Datakällor kopplade till det gemensamma gränssnittet",
                          "Data sources connected to the shared interface"),
                "unit": PCS, "measured_at": date(2025, 5, 31),
                "values": [("helsinki", D("2"), D("6"), D("7")), ("tallinn", D("1"), D("6"), D("5"))],
            },
        ],
    },
    {
        "key": "energy-efficient-buildings",
        "title": T(
            "Demopilotti: energiatehokkaat koulurakennukset", "Demopilot: energieffektiva skolbyggnader",
            "Demo pilot: energy-efficient school buildings",
        ),
        "summary": T(
            "Kuvitteellinen demopilotti, jossa tallinnalaisten koulujen lämmitystä ohjataan anturidatan avulla.",
            "En fiktiv demopilot där uppvärmningen av skolor i Tallinn styrs med hjälp av sensordata.",
            "A fictional demo pilot in which the heating of Tallinn schools is controlled with sensor data.",
        ),
        "challenge": T(
            "Vanhojen koulurakennusten lämmitys kuluttaa paljon energiaa, ja sisälämpötila vaihtelee luokasta "
            "toiseen.",
            "Uppvärmningen av gamla skolbyggnader förbrukar mycket energi och inomhustemperaturen varierar från "
            "klassrum till klassrum.",
            "Heating old school buildings uses a lot of energy, and indoor temperatures vary from one classroom to "
            "the next.",
        ),
        "solution": T(
            "Luokkiin asennettiin langattomat anturit, ja lämmitystä ohjataan käytön ja sääennusteen mukaan.",
            "Trådlösa sensorer installerades i klassrummen och uppvärmningen styrs efter användning och väderprognos.",
            "Wireless sensors were installed in the classrooms, and heating is controlled according to use and the "
            "weather forecast.",
        ),
        "phase": PilotPhase.EVALUATION,
        "host": "city-tallinn", "participants": ["demo-energy", "demo-sensors"], "cities": ["tallinn"],
        "focus_area": "energy", "project": "finest-twins", "open_call": "uop-lab-call-2024",
        "start": date(2025, 1, 15), "end": date(2026, 12, 31),
        "kpis": [
            {
                "name": T("Lämmitysenergian kulutus", "Energiförbrukning för uppvärmning", "Heating energy use"),
                "unit": T("kWh/m²/v", "kWh/m²/år", "kWh/m²/yr"), "higher_is_better": False,
                "measured_at": date(2026, 9, 30),
                "values": [("tallinn", D("180"), D("150"), D("158"))],
            },
            {
                "name": T("Tunnit tavoitelämpötilan ulkopuolella", "Timmar utanför måltemperaturen",
                          "Hours outside the target temperature"),
                "unit": T("h/kk", "h/mån", "h/month"), "higher_is_better": False, "measured_at": date(2026, 9, 30),
                "values": [("tallinn", D("40"), D("15"), D("18"))],
            },
        ],
    },
    {
        "key": "digital-twin-planning",
        "title": T(
            "Demopilotti: digitaalinen kaksonen kaupunkisuunnittelussa",
            "Demopilot: digital tvilling i stadsplaneringen",
            "Demo pilot: a digital twin for urban planning",
        ),
        "summary": T(
            "Kuvitteellinen demopilotti, jossa asukkaat kommentoivat kaavaluonnoksia 3D-kaupunkimallissa Helsingissä "
            "ja Tallinnassa.",
            "En fiktiv demopilot där invånarna kommenterar planutkast i en 3D-stadsmodell i Helsingfors och Tallinn.",
            "A fictional demo pilot in which residents comment on draft plans in a 3D city model in Helsinki and "
            "Tallinn.",
        ),
        "challenge": T(
            "Kaavaluonnoksia on vaikea hahmottaa piirustuksista, ja palautetta tulee vähän ja samoilta ihmisiltä.",
            "Planutkast är svåra att gestalta utifrån ritningar, och responsen är liten och kommer från samma personer.",
            "Draft plans are hard to picture from drawings, and little feedback comes in, mostly from the same people.",
        ),
        "solution": T(
            "Kaavaluonnokset tuodaan selaimessa toimivaan digitaaliseen kaksoseen, jossa asukas voi katsella "
            "suunnitelmaa eri näkökulmista ja jättää palautteen suoraan malliin.",
            "Planutkasten förs in i en digital tvilling som fungerar i webbläsaren, där invånarna kan se planen "
            "från olika vinklar och lämna respons direkt i modellen.",
            "Draft plans are brought into a browser-based digital twin where residents can view the plan from "
            "different angles and leave feedback directly in the model.",
        ),
        "phase": PilotPhase.PILOTING,
        "host": "fvh", "participants": ["demo-twin", "demo-geo"], "cities": ["helsinki", "tallinn"],
        "focus_area": "built-environment", "project": "finest-twins",
        "start": date(2026, 3, 1), "end": date(2027, 6, 30),
        "kpis": [
            {
                "name": T("Asukaspalautteet kaavaluonnoksista", "Invånarrespons på planutkast",
                          "Resident comments on draft plans"),
                "unit": PCS, "measured_at": date(2026, 10, 31),
                "values": [("helsinki", D("120"), D("300"), D("180")), ("tallinn", D("80"), D("250"), D("95"))],
            },
        ],
    },
    {
        "key": "winter-maintenance-data",
        "title": T(
            "Demopilotti: datalla ohjattu talvikunnossapito", "Demopilot: datastyrt vinterunderhåll",
            "Demo pilot: data-driven winter maintenance",
        ),
        "summary": T(
            "Kuvitteellinen demohaaste, johon avoin haku etsii parhaillaan ratkaisuja Vantaalle ja Tallinnaan.",
            "En fiktiv demoutmaning som den öppna ansökan just nu söker lösningar till för Vanda och Tallinn.",
            "A fictional demo challenge for which the open call is now seeking solutions for Vantaa and Tallinn.",
        ),
        "challenge": T(
            "Lumen aurauksen ja liukkaudentorjunnan reitit suunnitellaan kokemuksen perusteella, ja asukkaat saavat "
            "tietoa tilanteesta viiveellä.",
            "Rutterna för snöplogning och halkbekämpning planeras utifrån erfarenhet, och invånarna får information "
            "om läget med fördröjning.",
            "Snow-ploughing and anti-skid routes are planned from experience, and residents hear about the situation "
            "late.",
        ),
        "solution": T(
            "Ratkaisu valitaan avoimen haun kautta. Tavoitteena on yhdistää sää-, anturi- ja ajoneuvodata "
            "reaaliaikaiseksi tilannekuvaksi.",
            "Lösningen väljs genom den öppna ansökan. Målet är att kombinera väder-, sensor- och fordonsdata till "
            "en lägesbild i realtid.",
            "The solution will be chosen through the open call. The aim is to combine weather, sensor and vehicle "
            "data into a real-time picture of the situation.",
        ),
        "phase": PilotPhase.OPEN_CALL,
        "host": "fvh", "participants": [], "cities": ["vantaa", "tallinn"],
        "focus_area": "mobility", "project": "finest-twins", "open_call": "living-lab-call-2026",
        "start": date(2027, 3, 1), "end": date(2027, 11, 30),
        "kpis": [
            {
                "name": T("Aurausreittien kokonaispituus", "Plogrutternas totala längd", "Total length of ploughing routes"),
                "unit": T("km/vrk", "km/dygn", "km/day"), "higher_is_better": False,
                "values": [("vantaa", D("420"), D("380"), None), ("tallinn", D("510"), D("460"), None)],
            },
        ],
    },
]
