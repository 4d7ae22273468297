"""Funding programmes and projects: FinEst Twins, the six Innovation Cities
lead-responsibility projects and the Helsinki–Espoo–Vantaa ecosystem agreement.

Budget figures appear only where a seed text gives them. The seeds disagree on
FinEst Twins' money (6.3 M€ versus 32 M€) because they count different things, so
both are kept as reported figures with their scope and source."""

from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from demo.images import Illustration
from demo.loader import T
from projects.models import ParticipationRole, ProjectKind

PUBLISHED_AT = datetime(2026, 1, 15, 9, 0, tzinfo=ZoneInfo("Europe/Helsinki"))

TWIN_CITIES_ALT = T(
    "Piirroskuva: kaksi ympyrää yhdistettynä viivalla vaakaraitojen yllä, kuin kaksi kaupunkia meren yli.",
    "Illustration: två cirklar förenade av en linje ovanför vågräta ränder, som två städer över havet.",
    "Illustration: two circles joined by a line above horizontal stripes, like two cities across the sea.",
)

ALL_FOCUS_AREAS = ["mobility", "energy", "built-environment", "governance", "urban-analytics"]

PROGRAMMES = [
    {
        "slug": "h2020-teaming",
        "name": T("Horisontti 2020", "Horisont 2020", "Horizon 2020"),
        "instrument": T(
            "Teaming (huippuosaamisen levittäminen ja osallistujapohjan laajentaminen)",
            "Teaming (spridning av spetskompetens och breddat deltagande)",
            "Teaming (spreading excellence and widening participation)",
        ),
        "funder_name": "European Union",
        "framework_code": "H2020",
    },
    {
        "slug": "innovation-cities-lead-responsibility",
        "name": T(
            "Innokaupungit – kestävä kaupunkikehitys 2021–2027",
            "Innostäder – hållbar stadsutveckling 2021–2027",
            "Innovation Cities – sustainable urban development 2021–2027",
        ),
        "instrument": T(
            "Vetovastuuhankkeet, Euroopan aluekehitysrahasto (EAKR)",
            "Projekt med ledningsansvar, Europeiska regionala utvecklingsfonden (ERUF)",
            "Lead-responsibility projects, European Regional Development Fund (ERDF)",
        ),
        "funder_name": "European Regional Development Fund",
    },
    {
        "slug": "ecosystem-agreements-2021-2027",
        "name": T(
            "Kaupunkien ja valtion ekosysteemisopimukset 2021–2027",
            "Ekosystemavtal mellan städerna och staten 2021–2027",
            "Ecosystem agreements between the cities and the state 2021–2027",
        ),
        "instrument": T(
            "Ekosysteemisopimus, kestävä kaupunkikehitys (EAKR)",
            "Ekosystemavtal, hållbar stadsutveckling (ERUF)",
            "Ecosystem agreement, sustainable urban development (ERDF)",
        ),
        "funder_name": "European Regional Development Fund",
    },
]

FINEST_TWINS = {
    "key": "finest-twins",
    "acronym": "FinEst Twins",
    "title": T(
        "FinEst Twins – älykaupunkien huippuyksikkö",
        "FinEst Twins – spetsenhet för smarta städer",
        "FinEst Twins – Smart City Centre of Excellence",
    ),
    # The project ended on 30.11.2026, so its summary is in the past tense; the Centre itself goes on.
    "summary": T(
        "FinEst Twins rakensi vuosina 2019–2026 Tallinnaan monialaisen Smart City -huippuyksikön, FinEst Centre "
        "for Smart Citiesin. Tavoitteena oli viedä Helsingin ja Tallinnan älykaupunkiyhteistyö uudelle tasolle.",
        "FinEst Twins byggde åren 2019–2026 upp en mångvetenskaplig spetsenhet för smarta städer i Tallinn, "
        "FinEst Centre for Smart Cities. Målet var att föra samarbetet mellan Helsingfors och Tallinn kring smarta "
        "städer till en ny nivå.",
        "From 2019 to 2026, FinEst Twins built a multidisciplinary Smart City Centre of Excellence in Tallinn, the "
        "FinEst Centre for Smart Cities. The aim was to take smart city cooperation between Helsinki and Tallinn "
        "to a new level.",
    ),
    "body": T(
        "Huippuyksikkö kokoaa yhteen Viron johtavat älykaupunkitoimijat ja sidosryhmät ja rakentaa niille "
        "pitkäaikaisia tiedonvaihto-, tutkimus- ja innovaatiokumppanuuksia helsinkiläisten toimijoiden kanssa. "
        "Tutkimus keskittyy älykkäiden kaupunkien puhtaaseen ja kestävään kehitykseen viidellä alueella: "
        "liikkuminen, energia, rakennettu ympäristö, hallinto sekä kaupunkianalytiikka ja tiedonhallinta.\n\n"
        "Tavoitteena oli syventää kaksoiskaupunkien yhteistyötä tutkimuksessa ja tuotekehityksessä, houkutella "
        "kansainvälistä osaamista ja investointeja sekä toimia ponnahduslautana alueen osaamiselle ja "
        "teknologiaratkaisuille maailmalla. Rajat ylittävät pilotit suunniteltiin ja kokeiltiin Urban Open "
        "Platformin ja Living Labin muodostamassa UOP.Labissa.\n\n"
        "Hanke kuuluu Horisontti 2020 -ohjelman Teaming-instrumenttiin. Forum Virium Helsingin hanke-esittelyn "
        "mukaan kokonaisbudjetti on 6,3 miljoonaa euroa, josta Forum Virium Helsingin osuus on 1,67 miljoonaa "
        "euroa. Koska esittely kertoo rahoituksen tulevan Horisontti 2020 -ohjelmasta, rahoituslähteeksi on "
        "merkitty koko 6,3 miljoonaa euroa. Helsingin kaupungin ruotsinkielinen tiedote puolestaan mainitsee "
        "32 miljoonan euron rahoituksen, jossa on mukana myös Viron kansallinen rahoitus; molemmat luvut näkyvät "
        "alla lähteineen.",
        "Spetsenheten samlar Estlands ledande aktörer och intressenter inom smarta städer och bygger långvariga "
        "partnerskap för informationsutbyte, forskning och innovation med motsvarande aktörer i Helsingfors. "
        "Forskningen inriktas på en ren och hållbar utveckling av smarta städer inom fem områden: mobilitet, "
        "energi, byggd miljö, förvaltning samt stadsanalys och datahantering.\n\n"
        "Målet var att fördjupa tvillingstädernas samarbete inom forskning och produktutveckling, att locka "
        "internationell kompetens och investeringar och att fungera som en språngbräda för regionens kompetens "
        "och teknologilösningar ute i världen. Gränsöverskridande piloter planerades och testades i UOP.Lab, som "
        "består av Urban Open Platform och Living Lab.\n\n"
        "Projektet hör till Teaming-instrumentet inom Horisont 2020. Enligt Forum Virium Helsinkis "
        "projektpresentation är totalbudgeten 6,3 miljoner euro, varav Forum Virium Helsinkis andel är "
        "1,67 miljoner euro. Eftersom presentationen anger att finansieringen kommer från Horisont 2020 har hela "
        "beloppet på 6,3 miljoner euro förts in som finansieringskälla. Helsingfors stads pressmeddelande på "
        "svenska nämner i sin tur en finansiering på 32 miljoner euro som även omfattar estnisk nationell "
        "finansiering; båda siffrorna visas nedan med sina källor.",
        "The Centre of Excellence brings together Estonia's leading smart city actors and stakeholders and builds "
        "lasting partnerships for knowledge exchange, research and innovation with their counterparts in "
        "Helsinki. Its research focuses on the clean and sustainable development of smart cities in five areas: "
        "mobility, energy, built environment, governance, and urban analytics and data management.\n\n"
        "The aim was to deepen the twin cities' cooperation in research and product development, to attract "
        "international talent and investment, and to act as a springboard for the region's expertise and "
        "technology solutions abroad. Cross-border pilots were designed and tested in the UOP.Lab, formed by the "
        "Urban Open Platform and the Living Lab.\n\n"
        "The project belongs to the Teaming instrument of Horizon 2020. According to Forum Virium Helsinki's "
        "project presentation, the total budget is €6.3 million, of which Forum Virium Helsinki's share is "
        "€1.67 million. As the presentation says the funding comes from Horizon 2020, the full €6.3 million "
        "is entered as the funding source. The City of Helsinki's Swedish-language press release, on the "
        "other hand, mentions funding of €32 million that also includes Estonian national funding; both "
        "figures are shown below with their sources.",
    ),
    # Only what the body already states, told as outcomes: the grant ended 30.11.2026, the Centre goes on.
    "results": T(
        "Hanke perusti Tallinnaan monialaisen FinEst Centre for Smart Cities -huippuyksikön ja rakensi sille "
        "pysyvät kumppanuudet helsinkiläisten toimijoiden kanssa viidellä tutkimusalueella. Rajat ylittäviä "
        "pilotteja suunniteltiin ja kokeiltiin UOP.Labissa. Horisontti 2020 -rahoitus päättyi 30.11.2026, ja "
        "huippuyksikkö jatkaa työtään.",
        "Projektet grundade i Tallinn den mångvetenskapliga spetsenheten FinEst Centre for Smart Cities och byggde "
        "upp varaktiga partnerskap med aktörer i Helsingfors inom fem forskningsområden. Gränsöverskridande "
        "piloter planerades och testades i UOP.Lab. Finansieringen från Horisont 2020 upphörde den 30 november "
        "2026, och spetsenheten fortsätter sitt arbete.",
        "The project established the multidisciplinary FinEst Centre for Smart Cities in Tallinn and built lasting "
        "partnerships with Helsinki actors in five research areas. Cross-border pilots were designed and tested "
        "in the UOP.Lab. The Horizon 2020 funding ended on 30 November 2026, and the Centre continues its work.",
    ),
    "featured": True,
    "kind": ProjectKind.RESEARCH_INNOVATION,
    "start": date(2019, 12, 1),
    "end": date(2026, 11, 30),
    "programme": "h2020-teaming",
    # Grant agreement 856602 (CORDIS): a Teaming Phase 2 coordination and support action.
    "grant_agreement_id": "856602",
    "legal_basis": "H2020-EU.4.a.",
    "topics": "WIDESPREAD-01-2018-2019",
    "master_call": "H2020-WIDESPREAD-2018-2020",
    "sub_call": "H2020-WIDESPREAD-2018-01",
    "funding_scheme": "CSA",
    "ec_max_contribution": D("6300000"),
    "total_budget": D("6300000"),
    "budget_source": T(
        "Forum Virium Helsinki, FinEst Twins -hanke-esittely",
        "Forum Virium Helsinki, projektpresentation av FinEst Twins",
        "Forum Virium Helsinki, FinEst Twins project presentation",
    ),
    "website": "http://www.finesttwins.eu/",
    "image": Illustration("finest-twins", background="#0b3d91", accent="#f2f5fa", highlight="#5aa9e6"),
    "image_alt": TWIN_CITIES_ALT,
    "focus_areas": ALL_FOCUS_AREAS,
    "cities": ["helsinki", "tallinn"],
    "participations": [
        {"partner": "taltech", "role": ParticipationRole.COORDINATOR},
        {"partner": "aalto", "role": ParticipationRole.PARTNER},
        {"partner": "fvh", "role": ParticipationRole.PARTNER, "budget_share": D("1670000")},
        {"partner": "mkm", "role": ParticipationRole.PARTNER},
    ],
    "funding_sources": [
        {"funder_name": T(
            "Euroopan unioni, Horisontti 2020 (Teaming)",
            "Europeiska unionen, Horisont 2020 (Teaming)",
            "European Union, Horizon 2020 (Teaming)",
        ), "amount": D("6300000")},
    ],
    "work_packages": [
        {
            "code": "UOP", "lead": "fvh",
            "title": T("Urban Open Platform", "Urban Open Platform", "Urban Open Platform"),
            "description": T(
                "Forum Virium Helsinki rakensi Urban Open Platform -data-alustan, joka tuo kaupunkidatan "
                "yhteentoimivasti Helsingin ja Tallinnan pilottien käyttöön. Forum Virium Helsingin 1,67 miljoonan "
                "euron osuus kattaa tämän ja Living Lab -työkokonaisuuden yhdessä; lähteet eivät jaa summaa niiden "
                "kesken, joten työkokonaisuuksille ei ole merkitty omaa budjettia.",
                "Forum Virium Helsinki byggde dataplattformen Urban Open Platform, som gör stadsdata tillgängliga "
                "på ett interoperabelt sätt för piloterna i Helsingfors och Tallinn. Forum Virium Helsinkis andel "
                "på 1,67 miljoner euro täcker både detta och Living Lab-arbetspaketet; källorna delar inte upp "
                "summan mellan dem, så arbetspaketen har ingen egen budget.",
                "Forum Virium Helsinki built the Urban Open Platform, which makes urban data available in an "
                "interoperable way to pilots in Helsinki and Tallinn. Forum Virium Helsinki's €1.67 million "
                "share covers this and the Living Lab work package together; the sources do not split the sum "
                "between them, so neither work package has a budget of its own here.",
            ),
        },
        {
            "code": "LAB", "lead": "fvh",
            "title": T("Living Lab", "Living Lab", "Living Lab"),
            "description": T(
                "Forum Virium Helsinki loi Tallinnaan fiksun kaupunkikehityksen Living Labin, jossa virolaiset ja "
                "suomalaiset yritykset kokeilevat rajat ylittäviä älykaupunkiratkaisuja oikeassa "
                "kaupunkiympäristössä. Budjetti sisältyy Forum Virium Helsingin 1,67 miljoonan euron osuuteen.",
                "Forum Virium Helsinki skapade i Tallinn ett Living Lab för smart stadsutveckling, där estniska och "
                "finländska företag testar gränsöverskridande lösningar för smarta städer i en verklig stadsmiljö. "
                "Budgeten ingår i Forum Virium Helsinkis andel på 1,67 miljoner euro.",
                "Forum Virium Helsinki created a Living Lab for smart urban development in Tallinn, where Estonian "
                "and Finnish companies test cross-border smart city solutions in a real urban setting. Its budget is "
                "part of Forum Virium Helsinki's €1.67 million share.",
            ),
        },
    ],
    "budget_figures": [
        {
            "amount": D("6300000"),
            "scope": T(
                "Hankkeen kokonaisbudjetti (Horisontti 2020, Teaming)",
                "Projektets totalbudget (Horisont 2020, Teaming)",
                "Total project budget (Horizon 2020, Teaming)",
            ),
            "source_name": "Forum Virium Helsinki: FinEst Twins -projektiesittely",
        },
        {
            "amount": D("1670000"),
            "scope": T(
                "Forum Virium Helsingin osuus (Urban Open Platform ja Living Lab)",
                "Forum Virium Helsinkis andel (Urban Open Platform och Living Lab)",
                "Forum Virium Helsinki's share (Urban Open Platform and Living Lab)",
            ),
            "source_name": "Forum Virium Helsinki: FinEst Twins -projektiesittely",
        },
        {
            "amount": D("32000000"),
            "scope": T(
                "Seitsenvuotisen huippuyksikön kokonaisrahoitus: lähteen mukaan rahoitus tulee Horisontti 2020 "
                "-ohjelmasta ja loput Viron opetusministeriöltä (sisältää siis Viron kansallisen rahoituksen)",
                "Den sjuåriga spetsenhetens totala finansiering: enligt källan kommer finansieringen från "
                "Horisont 2020 och resten från Estlands undervisningsministerium (omfattar alltså estnisk "
                "nationell finansiering)",
                "Total funding of the seven-year Centre of Excellence: according to the source it comes from "
                "Horizon 2020, with the rest from the Estonian Ministry of Education (so it includes Estonian "
                "national funding)",
            ),
            "source_name": "Helsingfors stad: pressmeddelande om borgmästarnas möte och FinestTwins konferens 25–27.1.2023",
        },
    ],
    "links": [
        {"title": T("FinEst Twins -hankkeen verkkosivut", "Projektets webbplats", "Project website"),
         "url": "http://www.finesttwins.eu/"},
        {"title": T("Aalto-yliopiston FinEst-blogi", "Aalto-universitetets FinEst-blogg", "Aalto University FinEst blog"),
         "url": "https://blogs.aalto.fi/finest/"},
        {"title": T("Research & Innovation Seminar", "Research & Innovation Seminar", "Research & Innovation Seminar"),
         "url": "https://blogs.aalto.fi/finest/next-ris/"},
        {"title": T("TalTechin projektisivu", "TalTechs projektsida", "TalTech project page"),
         "url": "https://taltech.ee/en/smartcity"},
        {"title": T("FinEst Smart City Twitterissä", "FinEst Smart City på Twitter", "FinEst Smart City on Twitter"),
         "url": "https://twitter.com/FinEstSmartCity"},
        {"title": T("FinEst Twins YouTubessa", "FinEst Twins på YouTube", "FinEst Twins on YouTube"),
         "url": "https://www.youtube.com/channel/UCIo8AWMG9HwYSepvCFkA6DA/"},
    ],
    "related": ["hev-ecosystem-agreement"],
}

LEAD_RESPONSIBILITY_NOTE = T(
    "Huom. demosisältö: Innokaupunkien tiedote kertoo vetovastuukaupungit (Lappeenranta, Kokkola, Tampere, "
    "Joensuu, Oulu ja Jyväskylä), mutta ei sitä, mikä kaupunki vetää mitäkin teemaa. Tässä esitetty "
    "vetokaupunki ja kumppanikaupungit ovat havainnollistavia.",
    "Obs. demoinnehåll: Innostädernas pressmeddelande nämner städerna med ledningsansvar (Villmanstrand, "
    "Karleby, Tammerfors, Joensuu, Uleåborg och Jyväskylä), men inte vilken stad som leder vilket tema. "
    "Den ledande staden och partnerstäderna här är exempel.",
    "Note, demo content: the Innovation Cities press release names the lead cities (Lappeenranta, Kokkola, "
    "Tampere, Joensuu, Oulu and Jyväskylä) but not which city leads which theme. The lead city and partner "
    "cities shown here are illustrative.",
)


LEAD_RESPONSIBILITY_FRAME = T(
    "Hanke oli yksi Innokaupunkien kuudesta kaksivuotisesta vetovastuuhankkeesta, ja se kokosi toimijoita "
    "vähintään kolmesta Innokaupungista.",
    "Projektet var ett av Innostädernas sex tvååriga projekt med ledningsansvar och förenade aktörer från minst "
    "tre Innostäder.",
    "It was one of the Innovation Cities' six two-year lead-responsibility projects and brought together actors "
    "from at least three Innovation Cities.",
)


def lead_project(key, acronym, title, summary, theme, lead, partners, focus_areas):
    """A two-year Innovation Cities lead-responsibility project; ``lead`` and ``partners`` are city keys.
    ``theme`` describes the project's own theme, so no two projects share a description.
    ``focus_areas`` lists only the Centre of Excellence's areas that clearly fit the theme."""
    return {
        "key": key,
        "acronym": acronym,
        "title": title,
        "summary": summary,
        "body": T(*(
            "\n\n".join(getattr(part, code) for part in (theme, LEAD_RESPONSIBILITY_FRAME, LEAD_RESPONSIBILITY_NOTE))
            for code in ("fi", "sv", "en")
        )),
        "kind": ProjectKind.LEAD_RESPONSIBILITY,
        "start": date(2022, 9, 1),
        "end": date(2024, 8, 31),
        "programme": "innovation-cities-lead-responsibility",
        "focus_areas": focus_areas,
        "cities": [lead, *partners],
        "participations": [
            {"partner": f"city-{lead}", "role": ParticipationRole.COORDINATOR},
            *({"partner": f"city-{city}", "role": ParticipationRole.PARTNER} for city in partners),
        ],
        "related": [],
    }


LEAD_PROJECTS = [
    lead_project(
        "lead-battery-chemistry", "",
        T("Akkukemian vetovastuuhanke", "Projekt med ledningsansvar gällande batterikemi",
          "Battery chemistry lead-responsibility project"),
        T(
            "Tavoitteena oli koota akkukemikaalien ja akkuteollisuuden osaamiskeskittymät yhteen ja vahvistaa "
            "niiden työnjakoa teollisuuden vihreässä siirtymässä.",
            "Målet var att samla kompetensklustren för batterikemikalier och batteriindustri och stärka "
            "arbetsfördelningen mellan dem i industrins gröna omställning.",
            "The aim was to bring together the competence clusters for battery chemicals and the battery industry "
            "and to strengthen their division of work in industry's green transition.",
        ),
        T(
            "Akkukemian vetovastuuhankkeen tarkoitus oli vahvistaa akkukemikaalien ja akkuteollisuuden "
            "osaamiskeskittymien yhteistyötä ja työnjakoa. Akkumateriaalien jalostus, akkukemikaalien valmistus ja "
            "akkujen kierrätys ovat osa teollisuuden vihreää siirtymää, ja hanke kutsui kaupunkiseutujen yritykset, "
            "tutkimuslaitokset ja oppilaitokset kehittämään alan osaamista ja uutta teknologiaa yhdessä.",
            "Syftet med projektet med ledningsansvar gällande batterikemi var att stärka samarbetet och "
            "arbetsfördelningen mellan kompetensklustren för batterikemikalier och batteriindustri. Förädling av "
            "batterimaterial, tillverkning av batterikemikalier och återvinning av batterier är en del av "
            "industrins gröna omställning, och projektet bjöd in stadsregionernas företag, forskningsinstitut och "
            "läroanstalter att tillsammans utveckla kompetensen och ny teknologi inom området.",
            "The battery chemistry lead-responsibility project set out to strengthen cooperation and the division "
            "of work between the competence clusters for battery chemicals and the battery industry. Refining "
            "battery materials, making battery chemicals and recycling batteries are part of industry's green "
            "transition, and the project invited the city regions' companies, research institutes and colleges to "
            "develop the field's skills and new technology together.",
        ),
        "kokkola", ["oulu", "vaasa"], ["energy"],
    ),
    lead_project(
        "lead-digital-health", "",
        T("Digitaalisen terveys- ja hyvinvointiteknologian osaamisverkosto",
          "Kompetensnätverk gällande digital hälsa och välfärdsteknologi",
          "Competence network for digital health and wellbeing technology"),
        T(
            "Tavoitteena oli verkottaa digitaalisen terveys- ja hyvinvointiteknologian tutkimus, yritykset ja "
            "kaupunkien palvelut kokeilu- ja innovaatioympäristöiksi.",
            "Målet var att knyta samman forskning, företag och städernas tjänster inom digital hälsa och "
            "välfärdsteknologi till försöks- och innovationsmiljöer.",
            "The aim was to link research, companies and city services in digital health and wellbeing technology "
            "into test and innovation environments.",
        ),
        T(
            "Osaamisverkoston tarkoitus oli yhdistää digitaalisen terveys- ja hyvinvointiteknologian tutkimus, "
            "yritykset sekä kaupunkien sosiaali- ja terveyspalvelut. Tavoitteena oli, että kaupunkien palvelut "
            "toimivat kokeiluympäristöinä, joissa uusia digitaalisia ratkaisuja kehitetään yhdessä käyttäjien kanssa "
            "ja joista saadut opit jaetaan kaupunkiseutujen kesken.",
            "Syftet med kompetensnätverket var att knyta samman forskning, företag och städernas social- och "
            "hälsovårdstjänster inom digital hälsa och välfärdsteknologi. Målet var att städernas tjänster ska "
            "fungera som försöksmiljöer där nya digitala lösningar utvecklas tillsammans med användarna och "
            "lärdomarna delas mellan stadsregionerna.",
            "The competence network set out to link research, companies and the cities' health and social services "
            "in digital health and wellbeing technology. The aim was for city services to act as test environments "
            "where new digital solutions are developed together with their users and the lessons are shared "
            "between the city regions.",
        ),
        "oulu", ["kuopio", "turku"], [],
    ),
    lead_project(
        "lead-photonics", "",
        T("Fotoniikan kaupunkiekosysteemi", "Stadsekosystem inom fotonik", "Photonics city ecosystem"),
        T(
            "Tavoitteena oli vahvistaa fotoniikan osaamiskeskittymien yhteistyötä ja nostaa suomalaisen "
            "fotoniikan kansainvälistä näkyvyyttä.",
            "Målet var att stärka samarbetet mellan kompetensklustren inom fotonik och öka den internationella "
            "synligheten för finländsk fotonik.",
            "The aim was to strengthen cooperation between photonics competence clusters and to raise the "
            "international profile of Finnish photonics.",
        ),
        T(
            "Fotoniikka eli valon tuottamiseen, ohjaamiseen ja mittaamiseen perustuva teknologia on monen "
            "teollisuudenalan perusta: sitä käytetään esimerkiksi antureissa, lääkinnällisissä laitteissa ja "
            "tietoliikenteessä. Kaupunkiekosysteemin tarkoitus oli vahvistaa fotoniikan osaamiskeskittymien "
            "yhteistyötä, sopia niiden työnjaosta ja tehdä suomalaista fotoniikkaosaamista tunnetuksi "
            "kansainvälisesti.",
            "Fotonik, teknologin för att alstra, styra och mäta ljus, är en grund för många industrigrenar: den "
            "används till exempel i sensorer, medicintekniska produkter och telekommunikation. Syftet med "
            "stadsekosystemet var att stärka samarbetet mellan kompetensklustren inom fotonik, komma överens om "
            "arbetsfördelningen mellan dem och göra finländskt kunnande inom fotonik känt internationellt.",
            "Photonics, the technology of generating, guiding and measuring light, underpins many industries: it is "
            "used, for example, in sensors, medical devices and telecommunications. The city ecosystem set out to "
            "strengthen cooperation between photonics competence clusters, agree on their division of work and "
            "make Finnish photonics expertise known internationally.",
        ),
        "joensuu", ["tampere", "oulu"], [],
    ),
    lead_project(
        "lead-green-electrification", "",
        T("Kansallisen Green Electrification -ekosysteemin johtaminen",
          "Ledning av det nationella ekosystemet Green Electrification",
          "Leading the national Green Electrification ecosystem"),
        T(
            "Hanke johti kansallista vihreän sähköistymisen ekosysteemiä, joka edistää kestävää energiaa ja "
            "teollisuuden sähköistymistä.",
            "Projektet ledde det nationella ekosystemet för grön elektrifiering, som främjar hållbar energi och "
            "elektrifieringen av industrin.",
            "The project led the national green electrification ecosystem, which furthers sustainable energy and "
            "the electrification of industry.",
        ),
        T(
            "Vihreä sähköistyminen tarkoittaa, että teollisuus, liikenne ja lämmitys siirtyvät fossiilisista "
            "polttoaineista uusiutuvalla energialla tuotettuun sähköön. Hankkeen tarkoitus oli johtaa teemaa "
            "kokoavaa kansallista Green Electrification -ekosysteemiä ja yhdistää kaupunkiseutujen energia- ja "
            "teollisuusosaaminen kestävän energian ratkaisujen kehittämiseen.",
            "Grön elektrifiering innebär att industri, trafik och uppvärmning går över från fossila bränslen till "
            "el som produceras med förnybar energi. Syftet med projektet var att leda det nationella ekosystemet "
            "Green Electrification kring temat och samla stadsregionernas kompetens inom energi och industri för "
            "att utveckla lösningar för hållbar energi.",
            "Green electrification means industry, transport and heating moving from fossil fuels to electricity "
            "generated from renewable energy. The project set out to lead the national Green Electrification "
            "ecosystem around this theme and to bring the city regions' energy and industrial expertise together "
            "to develop sustainable energy solutions.",
        ),
        "lappeenranta", ["vaasa", "lahti"], ["energy"],
    ),
    lead_project(
        "lead-sport-finland", "",
        T("Sport Finland", "Sport Finland", "Sport Finland"),
        T(
            "Tavoitteena oli kehittää urheiluun, liikuntaan ja niihin liittyvään teknologiaan perustuvaa "
            "innovaatio- ja liiketoimintaa yhdessä useiden Innokaupunkien kanssa.",
            "Målet var att utveckla innovations- och affärsverksamhet kring idrott, motion och tillhörande "
            "teknologi tillsammans med flera Innostäder.",
            "The aim was to develop innovation and business around sport, physical activity and related technology "
            "together with several Innovation Cities.",
        ),
        T(
            "Sport Finland -hankkeen teemana oli urheilu. Tarkoituksena oli yhdistää urheilun, liikunnan ja niihin "
            "liittyvän teknologian osaaminen useista Innokaupungeista ja kehittää alalle uutta innovaatio- ja "
            "liiketoimintaa sekä kansainvälisesti kiinnostavia kokonaisuuksia.",
            "Temat för Sport Finland var idrott. Syftet var att föra samman kompetens inom idrott, motion och "
            "tillhörande teknologi från flera Innostäder och utveckla ny innovations- och affärsverksamhet samt "
            "internationellt intressanta helheter inom området.",
            "Sport Finland's theme was sport. The aim was to bring together expertise in sport, physical activity "
            "and related technology from several Innovation Cities and to develop new innovation and business in "
            "the field, along with offerings of international interest.",
        ),
        "jyvaskyla", ["kuopio", "rovaniemi"], [],
    ),
    lead_project(
        "lead-six-poe", "SIX-PoE",
        T(
            "Suomalainen osaaminen liikkuvien työkoneiden kaksoissiirtymän globaalina suunnannäyttäjänä (SIX-PoE)",
            "Finländskt kunnande som global vägvisare och ledande genomförare gällande dubbel omställning för "
            "mobila arbetsmaskiner (SIX-PoE)",
            "Finnish expertise as the global pathfinder of the twin transition of mobile work machines (SIX-PoE)",
        ),
        T(
            "Tavoitteena oli viedä liikkuvien työkoneiden digitaalista ja vihreää kaksoissiirtymää eteenpäin ja "
            "tehdä suomalaisesta osaamisesta alan kansainvälinen edelläkävijä.",
            "Målet var att driva den digitala och gröna dubbla omställningen för mobila arbetsmaskiner framåt och "
            "göra finländskt kunnande till en internationell föregångare inom området.",
            "The aim was to drive the digital and green twin transition of mobile work machines and to make "
            "Finnish expertise an international forerunner in the field.",
        ),
        T(
            "Liikkuvien työkoneiden, kuten metsä-, kaivos-, rakennus- ja maatalouskoneiden, edessä on "
            "kaksoissiirtymä: koneiden on samaan aikaan digitalisoiduttava ja vähennettävä päästöjään esimerkiksi "
            "sähköistymällä. SIX-PoE-hankkeen tarkoitus oli koota alan suomalainen osaaminen yhteen, jotta Suomi "
            "voisi näyttää suuntaa ja johtaa siirtymää kansainvälisesti.",
            "Mobila arbetsmaskiner, till exempel skogs-, gruv-, bygg- och jordbruksmaskiner, står inför en dubbel "
            "omställning: maskinerna ska samtidigt digitaliseras och minska sina utsläpp, till exempel genom "
            "elektrifiering. Syftet med SIX-PoE var att samla det finländska kunnandet inom området, så att Finland "
            "kan visa vägen och leda omställningen internationellt.",
            "Mobile work machines, such as forestry, mining, construction and agricultural machines, face a twin "
            "transition: they must go digital and cut their emissions, for example by going electric, at the same "
            "time. SIX-PoE set out to bring Finnish expertise in the field together so that Finland can show the "
            "way and lead the transition internationally.",
        ),
        "tampere", ["seinajoki", "pori"], ["energy", "mobility"],
    ),
]

ECOSYSTEM_AGREEMENT = {
    "key": "hev-ecosystem-agreement",
    "acronym": "",
    "title": T(
        "Helsingin, Espoon ja Vantaan ekosysteemisopimus 2021–2027",
        "Ekosystemavtalet för Helsingfors, Esbo och Vanda 2021–2027",
        "Helsinki, Espoo and Vantaa ecosystem agreement 2021–2027",
    ),
    "summary": T(
        "Helsinki, Espoo ja Vantaa jatkavat pitkäaikaista yhteistyötään pääkaupunkiseudun kilpailukyvyn ja "
        "innovaatiotoiminnan vahvistamiseksi. Yhteistyön sinetöi valtion kanssa solmittu ekosysteemisopimus.",
        "Helsingfors, Esbo och Vanda fortsätter sitt långvariga samarbete för att stärka huvudstadsregionens "
        "konkurrenskraft och innovationsverksamhet. Samarbetet har beseglats med ett ekosystemavtal med staten.",
        "Helsinki, Espoo and Vantaa continue their long-standing cooperation to strengthen the Helsinki region's "
        "competitiveness and innovation. The cooperation is sealed by an ecosystem agreement with the state.",
    ),
    "body": T(
        "Yhteistyön tarkoitus on vahvistaa alueen kilpailukykyä ja kehittää pääkaupunkiseutua uusien "
        "innovaatioiden kehitys- ja kokeiluympäristönä. Tavoitteena on uusi osaaminen, liiketoiminta ja työpaikat "
        "sekä yritysten kasvua tukeva, kansainvälisesti kiinnostava osaamiskeskittymä. Opit jaetaan muille "
        "kaupungeille ja kunnille Suomessa ja kansainvälisesti.\n\n"
        "Keinoina ovat muun muassa avoimet innovaatioalustat ja kokeiluympäristöt, yritysten ja korkeakoulujen "
        "yhteiset TKI-hankkeet, innovatiiviset julkiset hankinnat, tutkimustulosten hyödyntäminen, uudet "
        "liiketoimintaekosysteemit ja kansainväliset osaajat.\n\n"
        "Sopimuksen toimeenpanoa rahoittavat Euroopan aluekehitysrahasto, työ- ja elinkeinoministeriö, Helsingin, "
        "Espoon ja Vantaan kaupungit, muut hankkeiden toteuttajat ja Uudenmaan liitto. Rahoitusosuuksia ei ole "
        "eritelty lähteessä, joten niitä ei esitetä tässä.",
        "Syftet med samarbetet är att stärka regionens konkurrenskraft och utveckla huvudstadsregionen till en "
        "utvecklings- och försöksmiljö för nya innovationer. Målet är ny kompetens, nya affärer och arbetsplatser "
        "samt ett internationellt intressant kompetenskluster som stöder företagens tillväxt. Lärdomarna delas "
        "med andra städer och kommuner i Finland och internationellt.\n\n"
        "Medlen är bland annat öppna innovationsplattformar och försöksmiljöer, gemensamma FUI-projekt med "
        "företag och högskolor, innovativa offentliga upphandlingar, utnyttjande av forskningsresultat, nya "
        "affärsekosystem och internationella experter.\n\n"
        "Genomförandet av avtalet finansieras av Europeiska regionala utvecklingsfonden, arbets- och "
        "näringsministeriet, Helsingfors, Esbo och Vanda städer, övriga projektgenomförare och Nylands förbund. "
        "Källan specificerar inte finansieringsandelarna, så de visas inte här.",
        "The cooperation aims to strengthen the region's competitiveness and to develop the Helsinki region as a "
        "place where new innovations are developed and tested. The goal is new expertise, business and jobs, and "
        "an internationally attractive competence hub that supports companies' growth. What is learned is shared "
        "with other cities and municipalities in Finland and abroad.\n\n"
        "The means include open innovation platforms and test environments, joint R&D&I projects with companies "
        "and universities, innovative public procurement, the use of research results, new business ecosystems "
        "and international talent.\n\n"
        "The agreement is funded by the European Regional Development Fund, the Ministry of Economic Affairs and "
        "Employment, the cities of Helsinki, Espoo and Vantaa, other project implementers and the "
        "Helsinki-Uusimaa Regional Council. The source does not break down their shares, so none are shown here.",
    ),
    "kind": ProjectKind.ECOSYSTEM_AGREEMENT,
    "start": date(2021, 1, 1),
    "end": date(2027, 12, 31),
    "programme": "ecosystem-agreements-2021-2027",
    "focus_areas": ["built-environment", "mobility", "energy"],
    "cities": ["helsinki", "espoo", "vantaa"],
    "participations": [
        {"partner": "city-helsinki", "role": ParticipationRole.PARTNER},
        {"partner": "city-espoo", "role": ParticipationRole.PARTNER},
        {"partner": "city-vantaa", "role": ParticipationRole.PARTNER},
        {"partner": "uudenmaan-liitto", "role": ParticipationRole.ASSOCIATED},
    ],
    "themes": [
        {
            "title": T("Älykkäät ja kestävät kaupunkiratkaisut", "Smarta och hållbara stadslösningar",
                       "Smart and sustainable city solutions"),
            "description": T(
                "Kaupunkien vähähiilisyys- ja energiatehokkuustavoitteet tukevat uusia ratkaisuja esimerkiksi "
                "liikkumiseen, rakentamiseen ja kiinteistöjen käyttöön.",
                "Städernas mål för låga koldioxidutsläpp och energieffektivitet stöder nya lösningar till exempel "
                "för rörlighet, byggande och fastighetsanvändning.",
                "The cities' low-carbon and energy-efficiency goals support new solutions for example in mobility, "
                "construction and the use of buildings.",
            ),
        },
        {
            "title": T("Hyvinvointi ja terveysteknologia", "Välfärd och hälsoteknologi", "Wellbeing and health technology"),
            "description": T(
                "Pääkaupunkiseudulla on merkittävää hyvinvointiin ja terveysteknologiaan liittyvää tutkimus- ja "
                "yritystoimintaa.",
                "Huvudstadsregionen har betydande forskning och företagsverksamhet inom välfärd och hälsoteknologi.",
                "The Helsinki region has significant research and business in wellbeing and health technology.",
            ),
        },
        {
            "title": T(
                "Uudet oppimisympäristöt ja osaamisen digitaaliset ratkaisut",
                "Nya lärmiljöer och digitala lösningar för lärande",
                "New learning environments and digital solutions for learning",
            ),
            "description": T(
                "Laadukas koulutusjärjestelmä ja digitaalinen osaaminen luovat pohjan koulutusteknologian "
                "kehittämiselle kouluissa, oppilaitoksissa ja varhaiskasvatuksessa.",
                "Ett högklassigt utbildningssystem och digital kompetens ger en grund för att utveckla "
                "utbildningsteknologi i skolor, läroanstalter och småbarnspedagogik.",
                "A high-quality education system and digital skills lay the ground for developing education "
                "technology in schools, colleges and early childhood education.",
            ),
        },
    ],
    "related": ["finest-twins"],
}

PROJECTS = [FINEST_TWINS, *LEAD_PROJECTS, ECOSYSTEM_AGREEMENT]
