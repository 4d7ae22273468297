"""Partner organisations. Contact persons appear only where a seed text names them,
with the details given there; websites only where they are certain. The companies
whose names start with "Demo" are fictional and exist to show the Living Lab pilots."""

from datetime import datetime
from zoneinfo import ZoneInfo

from demo.loader import T
from finest.core.models import Country
from partners.models import PartnerType

PUBLISHED_AT = datetime(2026, 1, 15, 9, 0, tzinfo=ZoneInfo("Europe/Helsinki"))

# A role follows the name after a comma on partner pages ("Tuula Antola, elinkeinojohtaja"), so it is lower case.
BUSINESS_DIRECTOR = T("elinkeinojohtaja", "näringslivsdirektör", "director of business and economic development")


def city_partner(key, city, fi, sv, en, description, website=""):
    return {
        "key": key, "name": T(fi, sv, en), "type": PartnerType.CITY, "country": Country.FINLAND,
        "city": city, "website": website, "description": description,
    }


def innovation_city_partner(key, city, fi, sv, en):
    """One of the Innovation Cities, as an organisation that can join lead-responsibility projects."""
    return city_partner(
        key, city, fi, sv, en,
        T(
            f"{fi} on yksi Suomen Innokaupungeista. Kaupunki on solminut valtion kanssa ekosysteemisopimuksen "
            "vuosiksi 2021–2027.",
            f"{sv} är en av Finlands Innostäder. Staden har ingått ett ekosystemavtal med staten för "
            "åren 2021–2027.",
            f"{en} is one of Finland's Innovation Cities. The city holds an ecosystem agreement with the "
            "state for 2021–2027.",
        ),
    )


def demo_company(key, name, country, city, description):
    return {
        "key": key, "name": T(name, name, name), "type": PartnerType.COMPANY, "country": country,
        "city": city, "description": description,
    }


PARTNERS = [
    {
        "key": "taltech", "name": T(
            "Tallinnan teknillinen yliopisto (TalTech)", "Tallinns tekniska universitet (TalTech)",
            "Tallinn University of Technology (TalTech)",
        ),
        "short_name": "TalTech", "type": PartnerType.UNIVERSITY, "country": Country.ESTONIA, "city": "tallinn",
        "website": "https://taltech.ee/", "description": T(
            "Viron johtava teknillinen yliopisto, joka koordinoi FinEst Twins -hanketta. FinEst Centre for Smart "
            "Cities -huippuyksikkö rakennettiin TalTechin yhteyteen Tallinnaan.",
            "Estlands ledande tekniska universitet, som koordinerade projektet FinEst Twins. Spetsenheten "
            "FinEst Centre for Smart Cities byggdes upp vid TalTech i Tallinn.",
            "Estonia's leading technical university, which coordinated the FinEst Twins project. The FinEst "
            "Centre for Smart Cities was built at TalTech in Tallinn.",
        ),
    },
    {
        "key": "aalto", "name": T("Aalto-yliopisto", "Aalto-universitetet", "Aalto University"),
        "short_name": "Aalto", "type": PartnerType.UNIVERSITY, "country": Country.FINLAND, "city": "espoo",
        "website": "https://www.aalto.fi/", "description": T(
            "Espoolainen tekniikan, talouden ja taiteen yliopisto. Aalto-yliopisto on FinEst Twins -hankkeen "
            "tutkimuskumppani ja tukee uuden huippuyksikön tutkimusohjelmaa.",
            "Ett universitet för teknik, ekonomi och konst i Esbo. Aalto-universitetet är forskningspartner i "
            "FinEst Twins och stöder den nya spetsenhetens forskningsprogram.",
            "A university of technology, business and the arts in Espoo. Aalto University is a research partner "
            "in FinEst Twins and supports the research programme of the new Centre of Excellence.",
        ),
    },
    {
        "key": "fvh", "name": T("Forum Virium Helsinki", "Forum Virium Helsinki", "Forum Virium Helsinki"),
        "short_name": "FVH", "type": PartnerType.CITY_INNOVATION_COMPANY, "country": Country.FINLAND,
        "city": "helsinki", "website": "https://forumvirium.fi/", "description": T(
            "Helsingin kaupungin innovaatioyhtiö, joka kehittää älykkään kaupungin ratkaisuja yhdessä yritysten, "
            "tutkijoiden ja kaupunkilaisten kanssa. FinEst Twins -hankkeessa Forum Virium vastaa Urban Open "
            "Platform -data-alustasta ja Living Labista.",
            "Helsingfors stads innovationsbolag, som utvecklar lösningar för den smarta staden tillsammans med "
            "företag, forskare och invånare. I FinEst Twins ansvarar Forum Virium för dataplattformen Urban Open "
            "Platform och för Living Lab.",
            "The City of Helsinki's innovation company, which develops smart city solutions together with "
            "companies, researchers and residents. In FinEst Twins, Forum Virium is responsible for the Urban Open "
            "Platform and the Living Lab.",
        ),
    },
    {
        "key": "mkm", "name": T(
            "Viron elinkeino- ja viestintäministeriö", "Estlands närings- och kommunikationsministerium",
            "Estonian Ministry of Economic Affairs and Communications",
        ),
        "type": PartnerType.MINISTRY, "country": Country.ESTONIA, "city": "tallinn", "description": T(
            "Viron ministeriö, joka vastaa elinkeino-, liikenne- ja viestintäpolitiikasta. Ministeriö on "
            "FinEst Twins -hankkeen kumppani.",
            "Estlands ministerium för närings-, transport- och kommunikationspolitik. Ministeriet är partner "
            "i FinEst Twins.",
            "The Estonian ministry responsible for economic, transport and communications policy. The ministry "
            "is a partner in FinEst Twins.",
        ),
    },
    city_partner(
        "city-helsinki", "helsinki", "Helsingin kaupunki", "Helsingfors stad", "City of Helsinki",
        T(
            "Suomen pääkaupunki ja Tallinnan kaksoiskaupunki. Helsinki tekee Tallinnan kanssa yhteistyötä "
            "yhteistyösopimuksen pohjalta ja on mukana pääkaupunkiseudun ekosysteemisopimuksessa.",
            "Finlands huvudstad och Tallinns tvillingstad. Helsingfors samarbetar med Tallinn utifrån ett "
            "samarbetsavtal och deltar i huvudstadsregionens ekosystemavtal.",
            "The capital of Finland and Tallinn's twin city. Helsinki works with Tallinn under a cooperation "
            "agreement and is part of the Helsinki region's ecosystem agreement.",
        ),
        website="https://www.hel.fi/",
    ) | {"contacts": [
        {"name": "Marja-Leena Rinkineva", "role": BUSINESS_DIRECTOR,
         "email": "marja-leena.rinkineva@hel.fi", "phone": "050 559 9183"},
    ]},
    city_partner(
        "city-espoo", "espoo", "Espoon kaupunki", "Esbo stad", "City of Espoo",
        T(
            "Suomen toiseksi suurin kaupunki ja yksi pääkaupunkiseudun ekosysteemisopimuksen kolmesta kaupungista.",
            "Finlands näst största stad och en av de tre städerna i huvudstadsregionens ekosystemavtal.",
            "Finland's second-largest city and one of the three cities in the Helsinki region's ecosystem agreement.",
        ),
        website="https://www.espoo.fi/",
    ) | {"contacts": [
        {"name": "Tuula Antola", "role": BUSINESS_DIRECTOR, "email": "tuula.antola@espoo.fi", "phone": "043 824 6393"},
    ]},
    city_partner(
        "city-vantaa", "vantaa", "Vantaan kaupunki", "Vanda stad", "City of Vantaa",
        T(
            "Pääkaupunkiseudun lentoasemakaupunki ja yksi pääkaupunkiseudun ekosysteemisopimuksen kolmesta kaupungista.",
            "Huvudstadsregionens flygplatsstad och en av de tre städerna i huvudstadsregionens ekosystemavtal.",
            "The Helsinki region's airport city and one of the three cities in the Helsinki region's ecosystem agreement.",
        ),
        website="https://www.vantaa.fi/",
    ) | {"contacts": [
        {"name": "Kimmo Viljamaa", "role": BUSINESS_DIRECTOR, "email": "kimmo.viljamaa@vantaa.fi", "phone": "040 769 6538"},
    ]},
    {
        "key": "city-tallinn", "name": T("Tallinnan kaupunki", "Tallinns stad", "City of Tallinn"),
        "type": PartnerType.CITY, "country": Country.ESTONIA, "city": "tallinn", "website": "https://www.tallinn.ee/",
        "description": T(
            "Viron pääkaupunki ja Helsingin kaksoiskaupunki. Tallinna on FinEst Twins -hankkeen ja sen Living "
            "Lab -pilottien keskeinen kokeiluympäristö.",
            "Estlands huvudstad och Helsingfors tvillingstad. Tallinn är den centrala försöksmiljön för "
            "FinEst Twins och dess Living Lab-piloter.",
            "The capital of Estonia and Helsinki's twin city. Tallinn is the main test environment of FinEst "
            "Twins and its Living Lab pilots.",
        ),
    },
    {
        "key": "uudenmaan-liitto", "name": T("Uudenmaan liitto", "Nylands förbund", "Helsinki-Uusimaa Regional Council"),
        "type": PartnerType.REGIONAL_COUNCIL, "country": Country.FINLAND, "city": "helsinki", "description": T(
            "Uudenmaan maakunnan liitto, joka osallistuu pääkaupunkiseudun ekosysteemisopimuksen toimeenpanon "
            "rahoittamiseen.",
            "Landskapsförbundet för Nyland, som deltar i finansieringen av genomförandet av huvudstadsregionens "
            "ekosystemavtal.",
            "The regional council of Uusimaa, which takes part in funding the implementation of the Helsinki "
            "region's ecosystem agreement.",
        ),
    },
    {
        "key": "pirkanmaan-liitto", "name": T("Pirkanmaan liitto", "Birkalands förbund", "Council of Tampere Region"),
        "type": PartnerType.REGIONAL_COUNCIL, "country": Country.FINLAND, "city": "tampere", "description": T(
            "Pirkanmaan maakunnan liitto, joka koordinoi Innokaupungit-verkostoa ja sen vetovastuuhankkeiden rahoitusta.",
            "Landskapsförbundet för Birkaland, som koordinerar nätverket Innostäder och finansieringen av dess "
            "projekt med ledningsansvar.",
            "The regional council of Pirkanmaa, which coordinates the Innovation Cities network and the funding of "
            "its lead-responsibility projects.",
        ),
        "contacts": [
            {"name": "Riina Pulkkinen", "role": T("kehittämispäällikkö", "utvecklingschef", "development manager"),
             "email": "riina.pulkkinen@pirkanmaa.fi", "phone": "040 708 0178"},
            {"name": "Elina Hykkönen", "role": T("rahoitusasiat", "finansieringsärenden", "funding matters"),
             "email": "elina.hykkonen@pirkanmaa.fi", "phone": "050 326 1500"},
        ],
    },
    innovation_city_partner("city-lappeenranta", "lappeenranta", "Lappeenrannan kaupunki", "Villmanstrands stad", "City of Lappeenranta"),
    innovation_city_partner("city-kokkola", "kokkola", "Kokkolan kaupunki", "Karleby stad", "City of Kokkola"),
    innovation_city_partner("city-tampere", "tampere", "Tampereen kaupunki", "Tammerfors stad", "City of Tampere"),
    innovation_city_partner("city-joensuu", "joensuu", "Joensuun kaupunki", "Joensuu stad", "City of Joensuu"),
    innovation_city_partner("city-oulu", "oulu", "Oulun kaupunki", "Uleåborgs stad", "City of Oulu"),
    innovation_city_partner("city-jyvaskyla", "jyvaskyla", "Jyväskylän kaupunki", "Jyväskylä stad", "City of Jyväskylä"),
    innovation_city_partner("city-turku", "turku", "Turun kaupunki", "Åbo stad", "City of Turku"),
    innovation_city_partner("city-vaasa", "vaasa", "Vaasan kaupunki", "Vasa stad", "City of Vaasa"),
    innovation_city_partner("city-kuopio", "kuopio", "Kuopion kaupunki", "Kuopio stad", "City of Kuopio"),
    innovation_city_partner("city-lahti", "lahti", "Lahden kaupunki", "Lahtis stad", "City of Lahti"),
    innovation_city_partner("city-pori", "pori", "Porin kaupunki", "Björneborgs stad", "City of Pori"),
    innovation_city_partner("city-seinajoki", "seinajoki", "Seinäjoen kaupunki", "Seinäjoki stad", "City of Seinäjoki"),
    innovation_city_partner("city-rovaniemi", "rovaniemi", "Rovaniemen kaupunki", "Rovaniemi stad", "City of Rovaniemi"),
    demo_company("demo-mobility", "Demo Mobility Oy", Country.FINLAND, "helsinki", T(
        "Kuvitteellinen demoyritys: liikkumisdatan analytiikkaan erikoistunut helsinkiläinen yritys.",
        "Fiktivt demoföretag: ett företag i Helsingfors som har specialiserat sig på analys av mobilitetsdata.",
        "Fictional demo company: a Helsinki firm specialising in mobility data analytics.",
    )),
    demo_company("demo-ferry-data", "Demo Ferry Data OÜ", Country.ESTONIA, "tallinn", T(
        "Kuvitteellinen demoyritys: tallinnalainen yritys, joka kehittää matkustajavirtojen ennustepalveluja.",
        "Fiktivt demoföretag: ett företag i Tallinn som utvecklar prognostjänster för passagerarflöden.",
        "Fictional demo company: a Tallinn firm that builds forecasting services for passenger flows.",
    )),
    demo_company("demo-energy", "Demo Energy Buildings OÜ", Country.ESTONIA, "tallinn", T(
        "Kuvitteellinen demoyritys: rakennusten energiankulutuksen seurantaa ja ohjausta tarjoava tallinnalainen yritys.",
        "Fiktivt demoföretag: ett företag i Tallinn som erbjuder uppföljning och styrning av byggnaders energiförbrukning.",
        "Fictional demo company: a Tallinn firm offering monitoring and control of buildings' energy use.",
    )),
    demo_company("demo-sensors", "Demo Sensors Oy", Country.FINLAND, "espoo", T(
        "Kuvitteellinen demoyritys: espoolainen sisäilma- ja energia-anturien valmistaja.",
        "Fiktivt demoföretag: en tillverkare av inomhusluft- och energisensorer i Esbo.",
        "Fictional demo company: an Espoo maker of indoor-air and energy sensors.",
    )),
    demo_company("demo-twin", "Demo Twin Studio Oy", Country.FINLAND, "helsinki", T(
        "Kuvitteellinen demoyritys: kaupunkien digitaalisia kaksosia ja 3D-kaupunkimalleja kehittävä yritys.",
        "Fiktivt demoföretag: ett företag som utvecklar digitala tvillingar och 3D-stadsmodeller för städer.",
        "Fictional demo company: a firm developing digital twins and 3D city models for cities.",
    )),
    demo_company("demo-geo", "Demo Geodata OÜ", Country.ESTONIA, "tallinn", T(
        "Kuvitteellinen demoyritys: paikkatietoon ja kaupunkianalytiikkaan keskittyvä tallinnalainen yritys.",
        "Fiktivt demoföretag: ett företag i Tallinn med fokus på geodata och stadsanalys.",
        "Fictional demo company: a Tallinn firm focused on geodata and urban analytics.",
    )),
]
