"""News articles, press releases and a blog post, rewritten from the seed texts.
Quotes are paraphrased, never invented. The last item is a draft, so the portal
has one unpublished article to show how drafts look."""

from datetime import datetime
from zoneinfo import ZoneInfo

from demo.images import Illustration
from demo.loader import T
from finest.core.models import PublishState
from news.models import ArticleKind

from .projects import TWIN_CITIES_ALT

HELSINKI = ZoneInfo("Europe/Helsinki")

ARTICLES = [
    {
        "key": "ecosystem-agreement-2021",
        "kind": ArticleKind.NEWS,
        "published_at": datetime(2021, 2, 1, 10, 0, tzinfo=HELSINKI),
        "title": T(
            "Helsinki, Espoo ja Vantaa jatkavat yhteistyötään ekosysteemisopimuksella",
            "Helsingfors, Esbo och Vanda fortsätter samarbetet med ett ekosystemavtal",
            "Helsinki, Espoo and Vantaa continue their cooperation with an ecosystem agreement",
        ),
        "lead": T(
            "Pääkaupunkiseudun kolme kaupunkia vahvistavat yhdessä alueen kilpailukykyä ja innovaatiotoimintaa. "
            "Yhteistyön sinetöi valtion kanssa solmittu ekosysteemisopimus vuosille 2021–2027.",
            "Huvudstadsregionens tre städer stärker tillsammans regionens konkurrenskraft och innovationsverksamhet. "
            "Samarbetet beseglas av ett ekosystemavtal med staten för åren 2021–2027.",
            "The three cities of the Helsinki region are jointly strengthening the region's competitiveness and "
            "innovation. Their cooperation is sealed by an ecosystem agreement with the state for 2021–2027.",
        ),
        "body": T(
            '<h2>Yhteiset teemat</h2><p>Kaupunkien yhteisiä teemoja ovat:</p><ul><li>älykkäät ja kestävät '
            'kaupunkiratkaisut</li><li>hyvinvointi ja terveysteknologia</li><li>uudet oppimisympäristöt ja '
            'osaamisen digitaaliset ratkaisut</li></ul><p>Näissä teemoissa kaupungeilla on selkeitä tarpeita, '
            'tutkimus- ja oppilaitoksilla vahvaa osaamista ja yrityksillä kehittyviä ratkaisuja.</p><p>Kaupungit '
            'toimivat kehitys- ja kokeiluympäristöinä, joihin niiden palvelut ja asiakkaat kutsutaan mukaan. '
            'Tavoitteena on uutta osaamista, liiketoimintaa ja työpaikkoja. Opit jaetaan muille kaupungeille ja '
            'kunnille Suomessa ja kansainvälisesti.</p><p>Ekosysteemisopimukset ovat osa hallituksen toimia, '
            'joilla tutkimus-, kehitys- ja innovaatiorahoitusta kohdennetaan strategisesti. Tavoitteena on tehdä '
            'Suomesta vuoteen 2030 mennessä maailman toimivin kokeilu- ja '
            'innovaatioympäristö.</p><h3>Rahoitus</h3><p>Sopimuksen toimeenpanoa rahoittavat Euroopan '
            'aluekehitysrahasto, työ- ja elinkeinoministeriö, Helsingin, Espoon ja Vantaan kaupungit, muut '
            'hankkeiden toteuttajat ja Uudenmaan liitto. Lisätietoja antavat kaupunkien elinkeinojohtajat '
            'Marja-Leena Rinkineva (Helsinki), Tuula Antola (Espoo) ja Kimmo Viljamaa (Vantaa).</p>',
            '<h2>Gemensamma teman</h2><p>Städernas gemensamma teman är:</p><ul><li>smarta och hållbara '
            'stadslösningar</li><li>välfärd och hälsoteknologi</li><li>nya lärmiljöer och digitala lösningar för '
            'lärande</li></ul><p>Inom dessa teman har städerna tydliga behov, forsknings- och läroanstalterna '
            'stark kompetens och företagen lösningar under utveckling.</p><p>Städerna fungerar som utvecklings- '
            'och försöksmiljöer, där deras tjänster och kunder bjuds in att delta. Målet är ny kompetens, nya '
            'affärer och arbetsplatser. Lärdomarna delas med andra städer och kommuner i Finland och '
            'internationellt.</p><p>Ekosystemavtalen är en del av regeringens åtgärder för att strategiskt rikta '
            'finansieringen av forskning, utveckling och innovation. Målet är att Finland före år 2030 ska vara '
            'världens bäst fungerande försöks- och innovationsmiljö.</p><h3>Finansiering</h3><p>Genomförandet av '
            'avtalet finansieras av Europeiska regionala utvecklingsfonden, arbets- och näringsministeriet, '
            'Helsingfors, Esbo och Vanda städer, övriga projektgenomförare och Nylands förbund. Mer information '
            'ges av städernas näringslivsdirektörer Marja-Leena Rinkineva (Helsingfors), Tuula Antola (Esbo) och '
            'Kimmo Viljamaa (Vanda).</p>',
            "<h2>Shared themes</h2><p>The cities' shared themes are:</p><ul><li>smart and sustainable city "
            'solutions</li><li>wellbeing and health technology</li><li>new learning environments and digital '
            'solutions for learning</li></ul><p>In these themes the cities have clear needs, research and '
            'education institutions have strong expertise, and companies have solutions in development.</p><p>The'
            ' cities act as development and test environments and invite their services and customers to take '
            'part. The goal is new expertise, business and jobs. What is learned is shared with other cities and '
            "municipalities in Finland and abroad.</p><p>The ecosystem agreements are part of the government's "
            'measures to target research, development and innovation funding strategically. The aim is to make '
            "Finland the world's best-functioning environment for experimentation and innovation by "
            '2030.</p><h3>Funding</h3><p>The agreement is funded by the European Regional Development Fund, the '
            'Ministry of Economic Affairs and Employment, the cities of Helsinki, Espoo and Vantaa, other project'
            " implementers and the Helsinki-Uusimaa Regional Council. For more information, contact the cities' "
            'directors of business and economic development: Marja-Leena Rinkineva (Helsinki), Tuula Antola '
            '(Espoo) and Kimmo Viljamaa (Vantaa).</p>',
        ),
        "focus_areas": ["built-environment", "governance"],
        "projects": ["hev-ecosystem-agreement"],
    },
    {
        "key": "cooperation-agreement-2022",
        "kind": ArticleKind.NEWS,
        "published_at": datetime(2022, 4, 8, 15, 0, tzinfo=HELSINKI),
        "title": T(
            "Helsinki ja Tallinna uudistivat yhteistyösopimuksensa",
            "Helsingfors och Tallinn förnyade sitt samarbetsavtal",
            "Helsinki and Tallinn renew their cooperation agreement",
        ),
        "lead": T(
            "Pormestarit Juhana Vartiainen ja Mihhail Kõlvart allekirjoittivat päivitetyn yhteistyösopimuksen "
            "tapaamisessaan 8.4.2022.",
            "Borgmästarna Juhana Vartiainen och Mihhail Kõlvart undertecknade en uppdaterad version av "
            "samarbetsavtalet vid sitt möte 8.4.2022.",
            "Mayors Juhana Vartiainen and Mihhail Kõlvart signed an updated cooperation agreement at their meeting "
            "on 8 April 2022.",
        ),
        "body": T(
            "Päivitetty sopimus on Helsingin ja Tallinnan kaksoiskaupunkiyhteistyön pohja.\n\n"
            "Kaupunkien yhteistyöhön kuuluu myös FinEst Twins -hanke, joka rakentaa Tallinnaan Helsingille ja "
            "koko Virolle yhteistä älykaupunkien huippuyksikköä.",
            "Det uppdaterade avtalet är grunden för tvillingstadssamarbetet mellan Helsingfors och Tallinn.\n\n"
            "Till städernas samarbete hör också projektet FinEst Twins, som i Tallinn bygger upp en spetsenhet "
            "för smarta städer som är gemensam för Helsingfors och hela Estland.",
            "The updated agreement is the basis of the twin-city cooperation between Helsinki and Tallinn.\n\n"
            "The cities' cooperation also includes the FinEst Twins project, which is building a Smart City Centre "
            "of Excellence in Tallinn shared by Helsinki and the whole of Estonia.",
        ),
        "focus_areas": ["governance"],
        "projects": ["finest-twins"],
    },
    {
        "key": "mayors-discuss-agreement-2022",
        "kind": ArticleKind.NEWS,
        "published_at": datetime(2022, 4, 22, 15, 0, tzinfo=HELSINKI),
        "title": T(
            "Helsingin ja Tallinnan pormestarit keskustelivat yhteistyösopimuksesta",
            "Borgmästarna i Helsingfors och Tallinn diskuterade samarbetsavtalet",
            "The mayors of Helsinki and Tallinn discuss their cooperation agreement",
        ),
        "lead": T(
            "Pormestarit Juhana Vartiainen ja Mihhail Kõlvart keskustelivat kaupunkien yhteistyösopimuksesta "
            "22.4.2022, kaksi viikkoa sen jälkeen, kun he olivat allekirjoittaneet sopimuksen päivitetyn version.",
            "Borgmästarna Juhana Vartiainen och Mihhail Kõlvart diskuterade städernas samarbetsavtal 22.4.2022, "
            "två veckor efter att de hade undertecknat en uppdaterad version av avtalet.",
            "Mayors Juhana Vartiainen and Mihhail Kõlvart discussed the cities' cooperation agreement on "
            "22 April 2022, two weeks after they had signed its updated version.",
        ),
        "body": T(
            "Sopimuksen päivitetty versio allekirjoitettiin pormestarien tapaamisessa 8.4.2022.\n\n"
            "Demouutinen: Helsingin kaupungin tiedote tammikuulta 2023 kertoo tästä keskustelusta vain "
            "päivämäärän, joten uutinen ei kuvaa keskustelun sisältöä.",
            "Den uppdaterade versionen av avtalet undertecknades vid borgmästarnas möte 8.4.2022.\n\n"
            "Demonyhet: Helsingfors stads pressmeddelande från januari 2023 anger bara datumet för diskussionen, "
            "så nyheten beskriver inte vad som diskuterades.",
            "The updated version of the agreement was signed at the mayors' meeting on 8 April 2022.\n\n"
            "Demo news item: the City of Helsinki's press release of January 2023 gives only the date of this "
            "discussion, so the item does not describe what was discussed.",
        ),
        "focus_areas": ["governance"],
        "projects": ["finest-twins"],
    },
    {
        "key": "lead-responsibility-press-release-2022",
        "kind": ArticleKind.PRESS_RELEASE,
        "published_at": datetime(2022, 9, 13, 14, 56, tzinfo=HELSINKI),
        "author": "Innokaupungit",
        "title": T(
            "Kaupungit ottavat vetovastuun innovaatioekosysteemien vahvistamisesta",
            "Städerna tar ledningsansvar för att stärka innovationsekosystemen i Finland",
            "Cities take the lead in strengthening Finland's innovation ecosystems",
        ),
        "lead": T(
            "Kuusi vetovastuuhanketta edistää alueiden välisiä kumppanuuksia teollisuuden digivihreän siirtymän ja "
            "tulevaisuuden teknologioiden kehittämisessä.",
            "Sex projekt med ledningsansvar främjar partnerskap mellan regionerna i utvecklingen av industrins "
            "digigröna omställning och framtidens teknologier.",
            "Six lead-responsibility projects further partnerships between regions in developing industry's digital "
            "and green transition and the technologies of the future.",
        ),
        "body": T(
            "Kestävä energia, teollisuus, tuotanto- ja kulutusmallit sekä terveellinen ja hyvinvoiva elämä ovat "
            "Innokaupunkien ekosysteemisopimuksia yhdistäviä teemoja. Vetovastuuhankkeiden ajatus on täydentää ja "
            "vahvistaa kaupunkiseutujen yhteistä osaamista. Yhteistyö lisää suomalaisen osaamisen kansainvälistä "
            "näkyvyyttä, kun kaupungit kilpailevat ulkomaisista osaajista ja TKI-investoinneista.\n\n"
            "Vetovastuun ottavat TKI-toimijat Lappeenrannassa, Kokkolassa, Tampereella, Joensuussa, Oulussa ja "
            "Jyväskylässä. Hankkeiden teemat ovat vihreä sähköistyminen, akkukemikaalit, liikkuvat työkoneet, "
            "fotoniikka sekä urheilu ja digitaaliset terveys- ja hyvinvointiteknologiat. Jokainen hanke kokoaa "
            "toimijoita vähintään kolmesta Innokaupungista, ja hankkeet ovat kaksivuotisia.\n\n"
            "Kansallisen ohjausryhmän puheenjohtajan Petri Peltosen mukaan hankkeet lisäävät osaamiskeskittymien "
            "yhteistyötä ja työnjakoa innovaatiovetoisen kasvun synnyttämiseksi. Teemoissa korostuvat osaamisen "
            "vahvistaminen, ennakointi- ja innovaatiotoiminta, uusien teknologioiden kehittäminen sekä alueiden "
            "väliset ja kansainväliset kumppanuudet.\n\n"
            "Lisätietoja: kehittämispäällikkö Riina Pulkkinen ja rahoitusasioissa Elina Hykkönen, Pirkanmaan liitto.",
            "Hållbar energi, industri, produktions- och konsumtionsmodeller samt ett hälsosamt liv och välmående är "
            "teman som förenar Innostädernas ekosystemavtal. Tanken med projekten med ledningsansvar är att "
            "komplettera och stärka stadsregionernas gemensamma kompetens. Samarbetet ökar den internationella "
            "synligheten för finländskt kunnande när städer konkurrerar om utländska experter och FUI-investeringar."
            "\n\n"
            "Ledningsansvaret tas av FUI-aktörer i Villmanstrand, Karleby, Tammerfors, Joensuu, Uleåborg och "
            "Jyväskylä. Projektens teman är grön elektrifiering, batterikemikalier, mobila arbetsmaskiner, fotonik "
            "samt idrott och digitala hälso- och välfärdsteknologier. Varje projekt förenar aktörer från minst tre "
            "Innostäder, och projekten är tvååriga.\n\n"
            "Enligt Petri Peltonen, ordförande för den nationella styrgruppen, ökar projekten samarbetet och "
            "arbetsfördelningen mellan kompetenskluster för att skapa innovationsdriven tillväxt. Temana betonar "
            "stärkt kompetens, prognostiserings- och innovationsverksamhet, utveckling av ny teknologi samt "
            "interregionala och internationella partnerskap.\n\n"
            "Mer information: utvecklingschef Riina Pulkkinen och i finansieringsärenden Elina Hykkönen, "
            "Birkalands förbund.",
            "Sustainable energy, industry, models of production and consumption, and healthy living and wellbeing "
            "are the themes that unite the Innovation Cities' ecosystem agreements. Lead-responsibility projects "
            "complement and strengthen the city regions' shared expertise. The cooperation raises the international "
            "profile of Finnish expertise as cities compete for foreign talent and R&D&I investment.\n\n"
            "R&D&I actors in Lappeenranta, Kokkola, Tampere, Joensuu, Oulu and Jyväskylä take the lead. The "
            "projects' themes are green electrification, battery chemicals, mobile work machines, photonics, and "
            "sport and digital health and wellbeing technologies. Each project unites actors from at least three "
            "Innovation Cities, and the projects run for two years.\n\n"
            "According to Petri Peltonen, chair of the national steering group, the projects increase cooperation "
            "and the division of work between competence clusters to create innovation-led growth. The themes "
            "stress stronger skills, foresight and innovation, the development of new technologies, and "
            "interregional and international partnerships.\n\n"
            "More information: Development Manager Riina Pulkkinen and, on funding, Elina Hykkönen, Council of "
            "Tampere Region.",
        ),
        "focus_areas": ["energy"],
        "projects": [
            "lead-battery-chemistry", "lead-digital-health", "lead-photonics", "lead-green-electrification",
            "lead-sport-finland", "lead-six-poe",
        ],
    },
    {
        "key": "mayors-meet-2023",
        "kind": ArticleKind.NEWS,
        "published_at": datetime(2023, 1, 23, 10, 0, tzinfo=HELSINKI),
        "title": T(
            "Helsingin ja Tallinnan pormestarit tapaavat FinEst Twins -konferenssin yhteydessä",
            "Borgmästarna i Helsingfors och Tallinn träffas i samband med FinEst Twins konferens",
            "The mayors of Helsinki and Tallinn meet at the FinEst Twins conference",
        ),
        "lead": T(
            "FinEst Twins -hankkeen kolmas vuosikonferenssi pidetään Tallinnassa 25.–27.1.2023. Ennen konferenssia "
            "pormestarit Juhana Vartiainen ja Mihhail Kõlvart linjaavat kaupunkien yhteistyötä vuosille 2023–2024.",
            "Den tredje årliga konferensen för FinEst Twins hålls i Tallinn 25–27.1.2023. Före konferensen drar "
            "borgmästarna Juhana Vartiainen och Mihhail Kõlvart upp riktlinjerna för städernas samarbete för åren "
            "2023–2024.",
            "The third annual FinEst Twins conference is held in Tallinn on 25–27 January 2023. Before it, mayors "
            "Juhana Vartiainen and Mihhail Kõlvart set out the cities' cooperation for 2023–2024.",
        ),
        "body": T(
            "Vuosien 2023–2024 yhteistyössä painottuvat erityisesti tiiviimpi innovaatioyhteistyö, alueen "
            "vetovoiman kasvattaminen ja Itämeren hyvinvointi. Pormestarit allekirjoittivat yhteistyösopimuksen "
            "päivitetyn version 8.4.2022, ja viimeksi he keskustelivat sopimuksesta 22.4.2022.\n\n"
            "Pormestari Juhana Vartiaisen mukaan kaupunkien tiiviin yhteistyön tarkoitus on helpottaa arkea "
            "kummassakin kaupungissa, esimerkiksi ihmisten, tavaroiden ja palvelujen liikkumista, sekä parantaa "
            "yritysten menestymisen edellytyksiä ja synnyttää uutta. Uuden luominen vaatii hänen mukaansa ideoita ja "
            "monipuolista osaamista, ja kaksoiskaupunkien hyvä yhteistyö toimii alustana myös uusille "
            "kansainvälisille kumppanuuksille.\n\n"
            "Kahdenvälisen tapaamisen lisäksi pormestarit tapaavat kummankin kaupungin alueelliset "
            "poliisipäälliköt keskustellakseen turvallisuusyhteistyön tiivistämisestä.\n\n"
            "FinEst Twins rakentaa Tallinnaan monialaista FinEst Centre for Smart Cities -huippuyksikköä. Se kokoaa "
            "yhteen Viron johtavat älykaupunkitoimijat ja luo pitkäaikaisia tutkimus- ja innovaatiokumppanuuksia "
            "helsinkiläisten toimijoiden kanssa. Hankkeessa syntyy merkittävä rajat ylittävä älykaupunkien "
            "innovaatioalusta, jonka tavoitteena on houkutella alueelle kansainvälistä osaamista ja investointeja.\n\n"
            "Seitsenvuotinen hanke alkoi 1.12.2019. Konsortioon kuuluvat Forum Virium Helsinki, Aalto-yliopisto, "
            "Viron elinkeino- ja viestintäministeriö sekä koordinaattorina toimiva Tallinnan teknillinen yliopisto. "
            "Forum Virium Helsinki vastaa 1,67 miljoonan euron kokonaisuudesta, jossa rakennetaan Urban Open "
            "Platform -data-alusta ja luodaan Living Lab fiksua kaupunkikehitystä varten. Konferenssissa esitellään "
            "lippulaivahankkeita ja tutkimusideoita.",
            "Åren 2023–2024 ligger tyngdpunkten i samarbetet särskilt på ett tätare innovationssamarbete, en ökad "
            "attraktionskraft för regionen och ett Östersjön som mår bättre. Borgmästarna undertecknade en "
            "uppdaterad version av samarbetsavtalet 8.4.2022 och diskuterade avtalet senast 22.4.2022.\n\n"
            "Enligt borgmästare Juhana Vartiainen ska det täta samarbetet göra vardagen lättare i båda städerna, "
            "till exempel för människor, varor och tjänster som rör sig mellan dem, och förbättra förutsättningarna "
            "för framgångsrika företag och för att skapa något nytt. Nyskapande kräver enligt honom idéer och "
            "mångsidig kompetens, och tvillingstädernas goda samarbete är en plattform även för nya internationella "
            "partnerskap.\n\n"
            "Utöver det bilaterala mötet träffar borgmästarna de regionala polischeferna i båda städerna för att "
            "diskutera ett tätare säkerhetssamarbete.\n\n"
            "FinEst Twins bygger i Tallinn upp den branschöverskridande spetsenheten FinEst Centre for Smart Cities. "
            "Den samlar Estlands ledande aktörer inom smarta städer och skapar långvariga forsknings- och "
            "innovationspartnerskap med aktörer i Helsingfors. Projektet ger upphov till en betydande "
            "gränsöverskridande innovationsplattform för smarta städer, som ska locka internationell kompetens och "
            "investeringar till regionen.\n\n"
            "Det sjuåriga projektet inleddes 1.12.2019. I konsortiet ingår Forum Virium Helsinki, Aalto-universitetet, "
            "Estlands närings- och kommunikationsministerium och Tallinns tekniska universitet, som är koordinator. "
            "Forum Virium Helsinki ansvarar för en helhet på 1,67 miljoner euro, där dataplattformen Urban Open "
            "Platform byggs och ett Living Lab för smart stadsutveckling skapas. På konferensen presenteras "
            "flaggskeppsprojekt och forskningsidéer.",
            "In 2023–2024 the cooperation will focus in particular on closer innovation cooperation, a more "
            "attractive region and a healthier Baltic Sea. The mayors signed an updated version of the cooperation "
            "agreement on 8 April 2022 and last discussed it on 22 April 2022.\n\n"
            "Mayor Juhana Vartiainen says the close cooperation is meant to make everyday life easier in both "
            "cities, for example for people, goods and services moving between them, and to improve the conditions "
            "for businesses to succeed and for new things to be created. In his view, creating something new takes "
            "ideas and a broad range of skills, and the twin cities' strong cooperation also serves as a platform "
            "for new international partnerships.\n\n"
            "Besides their bilateral meeting, the mayors meet the regional police chiefs of both cities to discuss "
            "closer security cooperation.\n\n"
            "FinEst Twins is building the multidisciplinary FinEst Centre for Smart Cities in Tallinn. It brings "
            "together Estonia's leading smart city actors and creates lasting research and innovation partnerships "
            "with organisations in Helsinki. The project is creating a significant cross-border smart city "
            "innovation platform that aims to attract international talent and investment to the region.\n\n"
            "The seven-year project started on 1 December 2019. Its consortium is made up of Forum Virium Helsinki, "
            "Aalto University, the Estonian Ministry of Economic Affairs and Communications and Tallinn University "
            "of Technology, the coordinator. Forum Virium Helsinki is responsible for a €1.67 million part of "
            "the work that builds the Urban Open Platform and creates a Living Lab for smart urban development. The "
            "conference presents flagship projects and research ideas.",
        ),
        "focus_areas": ["governance"],
        "projects": ["finest-twins"],
        "events": ["conference-2023", "mayors-meeting-2023"],
    },
    {
        "key": "urban-open-platform-blog",
        "kind": ArticleKind.BLOG,
        "published_at": datetime(2025, 10, 15, 9, 0, tzinfo=HELSINKI),
        "author": "Forum Virium Helsinki",
        "title": T(
            "Miksi kaksoiskaupunki tarvitsee yhteisen data-alustan",
            "Varför tvillingstaden behöver en gemensam dataplattform",
            "Why twin cities need a shared data platform",
        ),
        "lead": T(
            "Demoblogi: Urban Open Platform tekee Helsingin ja Tallinnan kaupunkidatasta yhteisen raaka-aineen "
            "rajat ylittäville kokeiluille.",
            "Demoblogg: Urban Open Platform gör stadsdata från Helsingfors och Tallinn till en gemensam råvara för "
            "gränsöverskridande försök.",
            "Demo blog post: the Urban Open Platform turns urban data from Helsinki and Tallinn into a shared raw "
            "material for cross-border trials.",
        ),
        "body": T(
            "Kun yritys haluaa kokeilla ratkaisuaan sekä Helsingissä että Tallinnassa, se kohtaa kaksi erilaista "
            "datamaailmaa: eri rajapinnat, eri nimikkeet ja eri käyttöehdot. Urban Open Platform on FinEst Twins "
            "-hankkeessa rakennettava data-alusta, joka kokoaa kaupunkien datan yhteentoimivaan muotoon.\n\n"
            "Alusta on UOP.Labin toinen puolisko. Toinen on Tallinnaan luotava Living Lab, jossa virolaiset ja "
            "suomalaiset yritykset kokeilevat ratkaisujaan oikeassa kaupunkiympäristössä. Yhdessä ne tuovat "
            "huippuyksikön tutkimuksen suoraan yritysten ja kaupunkien käyttöön.\n\n"
            "Rajat ylittävän liikkumisdatan demopilotti osoitti, että yhteiset määritelmät ja varhain aloitettu "
            "tietosuojatyö ratkaisevat enemmän kuin tekniikka. Tämä kirjoitus on demosisältöä.",
            "När ett företag vill testa sin lösning i både Helsingfors och Tallinn möter det två olika datavärldar: "
            "olika gränssnitt, olika benämningar och olika användarvillkor. Urban Open Platform är den "
            "dataplattform som byggs i FinEst Twins och som sammanför städernas data i en interoperabel form.\n\n"
            "Plattformen är den ena halvan av UOP.Lab. Den andra är det Living Lab som skapas i Tallinn, där "
            "estniska och finländska företag testar sina lösningar i en verklig stadsmiljö. Tillsammans för de "
            "spetsenhetens forskning direkt till företag och städer.\n\n"
            "Demopiloten om gränsöverskridande mobilitetsdata visade att gemensamma definitioner och ett tidigt "
            "påbörjat dataskyddsarbete avgör mer än tekniken. Det här inlägget är demoinnehåll.",
            "When a company wants to test its solution in both Helsinki and Tallinn, it meets two different data "
            "worlds: different interfaces, different terms and different conditions of use. The Urban Open Platform "
            "is the data platform built in FinEst Twins to bring the cities' data together in an interoperable "
            "form.\n\n"
            "The platform is one half of the UOP.Lab. The other is the Living Lab being created in Tallinn, where "
            "Estonian and Finnish companies test their solutions in a real urban setting. Together they bring the "
            "Centre of Excellence's research straight to companies and cities.\n\n"
            "The cross-border mobility data demo pilot showed that shared definitions and data protection work "
            "started early matter more than the technology. This post is demo content.",
        ),
        "focus_areas": ["urban-analytics"],
        "projects": ["finest-twins"],
        "pilots": ["cross-border-mobility-data"],
        "image": Illustration("urban-open-platform", background="#3a1d5c", accent="#f6f0fb", highlight="#b48ee0"),
        "image_alt": TWIN_CITIES_ALT,
    },
    {
        "key": "closing-seminar-draft",
        "kind": ArticleKind.NEWS,
        "state": PublishState.DRAFT,
        "published_at": None,
        "title": T(
            "Luonnos: FinEst Twins -hankkeen päätösseminaarin satoa",
            "Utkast: skörden från FinEst Twins avslutande seminarium",
            "Draft: highlights of the FinEst Twins closing seminar",
        ),
        "lead": T(
            "Demoluonnos: FinEst Twins -hanke päättyy 30.11.2026 seitsemän vuoden jälkeen. Päätösseminaari "
            "Tallinnassa kokoaa yhteen hankkeen tulokset.",
            "Demoutkast: projektet FinEst Twins avslutas 30.11.2026 efter sju år. Det avslutande seminariet i "
            "Tallinn sammanfattar projektets resultat.",
            "Demo draft: the FinEst Twins project ends on 30 November 2026 after seven years. The closing seminar "
            "in Tallinn brings its results together.",
        ),
        "body": T(
            "Hanke alkoi 1.12.2019 ja rakensi Tallinnaan FinEst Centre for Smart Cities -huippuyksikön. Forum Virium "
            "Helsinki rakensi hankkeessa Urban Open Platform -data-alustan ja Living Labin, jossa virolaiset ja "
            "suomalaiset yritykset kokeilivat rajat ylittäviä ratkaisuja.\n\n"
            "Luonnosta täydennetään seminaarin puheenvuoroilla ennen julkaisua.",
            "Projektet inleddes 1.12.2019 och byggde upp spetsenheten FinEst Centre for Smart Cities i Tallinn. "
            "Forum Virium Helsinki byggde i projektet dataplattformen Urban Open Platform och ett Living Lab, där "
            "estniska och finländska företag testade gränsöverskridande lösningar.\n\n"
            "Utkastet kompletteras med inläggen från seminariet innan det publiceras.",
            "The project started on 1 December 2019 and built the FinEst Centre for Smart Cities in Tallinn. In the "
            "project, Forum Virium Helsinki built the Urban Open Platform and a Living Lab where Estonian and Finnish "
            "companies tested cross-border solutions.\n\n"
            "The draft will be completed with the seminar's talks before it is published.",
        ),
        "projects": ["finest-twins"],
        "events": ["closing-seminar-2026"],
    },
]
