namespace UserStream.Source.Generation;

/// <summary>The nationalities the source can generate, one profile each.</summary>
internal static class NationalityProfiles
{
    public static readonly IReadOnlyList<NationalityProfile> All =
    [
        new()
        {
            Code = "AU", Country = "Australia",
            FirstNameLocale = "en", LastNameLocale = "en_AU", StreetLocale = "en_AU",
            Regions =
            [
                new("New South Wales", "Sydney", "Newcastle", "Wollongong"),
                new("Victoria", "Melbourne", "Geelong", "Ballarat"),
                new("Queensland", "Brisbane", "Cairns", "Townsville"),
                new("Western Australia", "Perth", "Bunbury"),
                new("South Australia", "Adelaide"),
                new("Tasmania", "Hobart", "Launceston"),
                new("Australian Capital Territory", "Canberra"),
                new("Northern Territory", "Darwin"),
            ],
            Postcode = PostcodeFormat.Numeric(1000, 9999),
            PhonePattern = "0#-####-####", CellPattern = "04##-###-###",
            IdName = "TFN", IdPattern = "#########",
        },
        new()
        {
            Code = "BR", Country = "Brazil",
            FirstNameLocale = "pt_BR", LastNameLocale = "pt_BR", StreetLocale = "pt_BR",
            Regions =
            [
                new("São Paulo", "São Paulo", "Campinas", "Santos"),
                new("Rio de Janeiro", "Rio de Janeiro", "Niterói"),
                new("Minas Gerais", "Belo Horizonte", "Uberlândia"),
                new("Bahia", "Salvador"),
                new("Paraná", "Curitiba", "Londrina"),
                new("Rio Grande do Sul", "Porto Alegre"),
                new("Pernambuco", "Recife"),
                new("Ceará", "Fortaleza"),
            ],
            Postcode = PostcodeFormat.Numeric(10000, 99999),
            PhonePattern = "(##) ####-####", CellPattern = "(##) 9####-####",
            IdName = "CPF", IdPattern = "###.###.###-##",
            MaleTitles = ["Mr", "Sr"], FemaleTitles = ["Ms", "Mrs", "Sra"],
        },
        new()
        {
            Code = "CA", Country = "Canada",
            FirstNameLocale = "en", LastNameLocale = "en_CA", StreetLocale = "en_CA",
            Regions =
            [
                new("Ontario", "Toronto", "Ottawa", "Hamilton"),
                new("Québec", "Montréal", "Québec City", "Laval"),
                new("British Columbia", "Vancouver", "Victoria"),
                new("Alberta", "Calgary", "Edmonton"),
                new("Manitoba", "Winnipeg"),
                new("Nova Scotia", "Halifax"),
                new("Saskatchewan", "Regina", "Saskatoon"),
            ],
            Postcode = PostcodeFormat.Alphanumeric("?#? #?#"),
            PhonePattern = "###-###-####", CellPattern = "###-###-####",
            IdName = "SIN", IdPattern = "### ### ###",
        },
        new()
        {
            Code = "CH", Country = "Switzerland",
            FirstNameLocale = "de", LastNameLocale = "de_CH", StreetLocale = "de",
            Regions =
            [
                new("Zürich", "Zürich", "Winterthur"),
                new("Bern", "Bern", "Biel/Bienne"),
                new("Genève", "Genève"),
                new("Vaud", "Lausanne", "Montreux"),
                new("Basel-Stadt", "Basel"),
                new("Luzern", "Luzern"),
                new("St. Gallen", "St. Gallen"),
                new("Ticino", "Lugano"),
            ],
            Postcode = PostcodeFormat.Numeric(1000, 9699),
            PhonePattern = "0## ### ## ##", CellPattern = "07# ### ## ##",
            IdName = "AVS", IdPattern = "756.####.####.##",
            MaleTitles = ["Mr", "Monsieur"], FemaleTitles = ["Ms", "Madame", "Mademoiselle"],
        },
        new()
        {
            Code = "DE", Country = "Germany",
            FirstNameLocale = "de", LastNameLocale = "de", StreetLocale = "de",
            Regions =
            [
                new("Bayern", "München", "Nürnberg", "Augsburg"),
                new("Berlin", "Berlin"),
                new("Hamburg", "Hamburg"),
                new("Nordrhein-Westfalen", "Köln", "Düsseldorf", "Dortmund"),
                new("Hessen", "Frankfurt am Main", "Wiesbaden"),
                new("Sachsen", "Leipzig", "Dresden"),
                new("Baden-Württemberg", "Stuttgart", "Freiburg"),
                new("Niedersachsen", "Hannover", "Braunschweig"),
            ],
            Postcode = PostcodeFormat.Numeric(10000, 99999),
            PhonePattern = "0###-#######", CellPattern = "01##-#######",
            IdName = "SVNR", IdPattern = "## ###### ? ###",
        },
        new()
        {
            Code = "DK", Country = "Denmark",
            FirstNameLocale = "en", LastNameLocale = "en", StreetLocale = "en",
            LocalNames = new(
                ["Mads", "Frederik", "Oliver", "Lucas", "Emil", "Magnus", "Anders", "Søren", "Mikkel", "Rasmus", "Kasper", "Jonas", "Villads", "Malthe", "Niels"],
                ["Freja", "Ida", "Emma", "Sofie", "Clara", "Laura", "Mathilde", "Karoline", "Anna", "Signe", "Maja", "Cecilie", "Line", "Mette", "Astrid"],
                ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen"]),
            LocalStreets = ["Nørregade", "Vestergade", "Østergade", "Søndergade", "Strandvejen", "Bakkevej", "Skovvej", "Kirkevej", "Engvej", "Møllevej", "Birkevej", "Lærkevej"],
            Regions =
            [
                new("Hovedstaden", "København", "Frederiksberg", "Hillerød"),
                new("Midtjylland", "Aarhus", "Randers", "Silkeborg"),
                new("Syddanmark", "Odense", "Esbjerg", "Kolding"),
                new("Nordjylland", "Aalborg", "Hjørring"),
                new("Sjælland", "Roskilde", "Næstved"),
            ],
            Postcode = PostcodeFormat.Numeric(1000, 9999),
            PhonePattern = "## ## ## ##", CellPattern = "## ## ## ##",
            IdName = "CPR", IdPattern = "######-####",
        },
        new()
        {
            Code = "ES", Country = "Spain",
            FirstNameLocale = "es", LastNameLocale = "es", StreetLocale = "es",
            Regions =
            [
                new("Comunidad de Madrid", "Madrid", "Alcalá de Henares"),
                new("Cataluña", "Barcelona", "Girona"),
                new("Comunidad Valenciana", "Valencia", "Alicante"),
                new("Andalucía", "Sevilla", "Málaga", "Granada"),
                new("País Vasco", "Bilbao"),
                new("Galicia", "Vigo", "A Coruña"),
                new("Aragón", "Zaragoza"),
            ],
            Postcode = PostcodeFormat.Numeric(10000, 52999),
            PhonePattern = "9##-###-###", CellPattern = "6##-###-###",
            IdName = "DNI", IdPattern = "########-?",
        },
        new()
        {
            Code = "FI", Country = "Finland",
            FirstNameLocale = "fi", LastNameLocale = "fi", StreetLocale = "fi",
            LocalStreets = ["Hämeenkatu", "Mannerheimintie", "Aleksanterinkatu", "Satakunnankatu", "Korkeavuorenkatu", "Pyynikintie", "Tehtaankatu", "Hämeentie", "Rautatienkatu", "Koulukatu", "Nordenskiöldinkatu", "Pispalan Valtatie"],
            Regions =
            [
                new("Uusimaa", "Helsinki", "Espoo", "Vantaa"),
                new("Pirkanmaa", "Tampere"),
                new("Varsinais-Suomi", "Turku"),
                new("Pohjois-Pohjanmaa", "Oulu"),
                new("Keski-Suomi", "Jyväskylä"),
                new("Pohjois-Savo", "Kuopio"),
                new("Päijät-Häme", "Lahti"),
            ],
            Postcode = PostcodeFormat.Numeric(10000, 99999),
            PhonePattern = "0#-###-###", CellPattern = "04#-###-##-##",
            IdName = "HETU", IdPattern = "######-###?",
        },
        new()
        {
            Code = "FR", Country = "France",
            FirstNameLocale = "fr", LastNameLocale = "fr", StreetLocale = "fr",
            Regions =
            [
                new("Île-de-France", "Paris", "Versailles", "Boulogne-Billancourt"),
                new("Auvergne-Rhône-Alpes", "Lyon", "Grenoble"),
                new("Provence-Alpes-Côte d'Azur", "Marseille", "Nice"),
                new("Occitanie", "Toulouse", "Montpellier"),
                new("Nouvelle-Aquitaine", "Bordeaux"),
                new("Hauts-de-France", "Lille"),
                new("Grand Est", "Strasbourg"),
                new("Pays de la Loire", "Nantes"),
            ],
            Postcode = PostcodeFormat.Numeric(10000, 95999),
            PhonePattern = "0#-##-##-##-##", CellPattern = "06-##-##-##-##",
            IdName = "INSEE", IdPattern = "# ## ## ## ### ### ##",
            MaleTitles = ["Monsieur"], FemaleTitles = ["Madame", "Mademoiselle"],
        },
        new()
        {
            Code = "GB", Country = "United Kingdom",
            FirstNameLocale = "en", LastNameLocale = "en_GB", StreetLocale = "en_GB",
            Regions =
            [
                new("Greater London", "London", "Croydon"),
                new("Greater Manchester", "Manchester", "Bolton"),
                new("West Midlands", "Birmingham", "Coventry"),
                new("West Yorkshire", "Leeds", "Bradford"),
                new("Merseyside", "Liverpool"),
                new("Bristol", "Bristol"),
                new("Lothian", "Edinburgh"),
                new("South Glamorgan", "Cardiff"),
                new("County Antrim", "Belfast"),
            ],
            Postcode = PostcodeFormat.Alphanumeric("??# #??", "?# #??", "??## #??"),
            PhonePattern = "01### ######", CellPattern = "07### ######",
            IdName = "NINO", IdPattern = "?? ## ## ## ?",
        },
        new()
        {
            Code = "IE", Country = "Ireland",
            FirstNameLocale = "en", LastNameLocale = "en_IE", StreetLocale = "en_IE",
            Regions =
            [
                new("Dublin", "Dublin", "Swords"),
                new("Cork", "Cork"),
                new("Galway", "Galway"),
                new("Limerick", "Limerick"),
                new("Waterford", "Waterford"),
                new("Kildare", "Naas", "Newbridge"),
                new("Kerry", "Tralee", "Killarney"),
            ],
            Postcode = PostcodeFormat.Numeric(10000, 99999),
            PhonePattern = "0##-###-####", CellPattern = "08#-###-####",
            IdName = "PPS", IdPattern = "#######?",
        },
        new()
        {
            Code = "IN", Country = "India",
            FirstNameLocale = "en", LastNameLocale = "en_IND", StreetLocale = "en_IND",
            LocalNames = new(
                ["Aarav", "Vihaan", "Arjun", "Rohan", "Karan", "Aditya", "Rahul", "Siddharth", "Vikram", "Ishaan", "Kabir", "Nikhil", "Pranav", "Yash", "Manish"],
                ["Aanya", "Diya", "Priya", "Ananya", "Kavya", "Isha", "Meera", "Neha", "Pooja", "Riya", "Sneha", "Tanvi", "Lakshmi", "Shreya", "Anjali"]),
            LocalStreets = ["MG Road", "Nehru Marg", "Gandhi Road", "Station Road", "Park Street", "Temple Road", "Church Street", "Lake View Road", "Ring Road", "Hill Road", "Market Road", "Old Airport Road"],
            Regions =
            [
                new("Maharashtra", "Mumbai", "Pune", "Nagpur"),
                new("Karnataka", "Bengaluru", "Mysuru"),
                new("Tamil Nadu", "Chennai", "Coimbatore"),
                new("Delhi", "New Delhi"),
                new("West Bengal", "Kolkata"),
                new("Telangana", "Hyderabad"),
                new("Gujarat", "Ahmedabad", "Surat"),
                new("Uttar Pradesh", "Lucknow", "Kanpur"),
            ],
            Postcode = PostcodeFormat.Numeric(110000, 855999),
            PhonePattern = "##########", CellPattern = "9#########",
            IdName = "UIDAI", IdPattern = "#### #### ####",
        },
        new()
        {
            Code = "IR", Country = "Iran",
            FirstNameLocale = "fa", LastNameLocale = "fa", StreetLocale = "fa",
            Regions =
            [
                new("تهران", "تهران"),
                new("اصفهان", "اصفهان", "کاشان"),
                new("فارس", "شیراز"),
                new("خراسان رضوی", "مشهد"),
                new("آذربایجان شرقی", "تبریز"),
                new("خوزستان", "اهواز"),
                new("کرمان", "کرمان"),
            ],
            Postcode = PostcodeFormat.Numeric(10000, 99999),
            PhonePattern = "0##-########", CellPattern = "09##-###-####",
            IdName = "NID", IdPattern = "##########",
        },
        new()
        {
            Code = "MX", Country = "Mexico",
            FirstNameLocale = "es", LastNameLocale = "es_MX", StreetLocale = "es_MX",
            Regions =
            [
                new("Ciudad de México", "Ciudad de México"),
                new("Jalisco", "Guadalajara", "Zapopan"),
                new("Nuevo León", "Monterrey"),
                new("Puebla", "Puebla"),
                new("Yucatán", "Mérida"),
                new("Baja California", "Tijuana", "Mexicali"),
                new("Quintana Roo", "Cancún"),
                new("Guanajuato", "León"),
            ],
            Postcode = PostcodeFormat.Numeric(10000, 99999),
            PhonePattern = "(6##) ### ####", CellPattern = "(6##) ### ####",
            IdName = "NSS", IdPattern = "## ## ## ####-#",
            MaleTitles = ["Mr", "Sr"], FemaleTitles = ["Ms", "Sra", "Srta"],
        },
        new()
        {
            Code = "NL", Country = "Netherlands",
            FirstNameLocale = "nl", LastNameLocale = "nl", StreetLocale = "nl",
            Regions =
            [
                new("Noord-Holland", "Amsterdam", "Haarlem"),
                new("Zuid-Holland", "Rotterdam", "Den Haag", "Leiden"),
                new("Utrecht", "Utrecht"),
                new("Noord-Brabant", "Eindhoven", "Tilburg"),
                new("Groningen", "Groningen"),
                new("Gelderland", "Nijmegen", "Arnhem"),
                new("Limburg", "Maastricht"),
            ],
            Postcode = PostcodeFormat.Numeric(1000, 9999),
            PhonePattern = "(0##) #######", CellPattern = "(06) ########",
            IdName = "BSN", IdPattern = "########",
        },
        new()
        {
            Code = "NO", Country = "Norway",
            FirstNameLocale = "nb_NO", LastNameLocale = "nb_NO", StreetLocale = "nb_NO",
            Regions =
            [
                new("Oslo", "Oslo"),
                new("Vestland", "Bergen"),
                new("Trøndelag", "Trondheim"),
                new("Rogaland", "Stavanger"),
                new("Agder", "Kristiansand"),
                new("Troms", "Tromsø"),
                new("Viken", "Drammen", "Fredrikstad"),
            ],
            Postcode = PostcodeFormat.Numeric(1000, 9999),
            PhonePattern = "## ## ## ##", CellPattern = "4## ## ###",
            IdName = "FN", IdPattern = "###### #####",
        },
        new()
        {
            Code = "NZ", Country = "New Zealand",
            FirstNameLocale = "en", LastNameLocale = "en_AU", StreetLocale = "en_AU",
            Regions =
            [
                new("Auckland", "Auckland"),
                new("Wellington", "Wellington", "Lower Hutt"),
                new("Canterbury", "Christchurch"),
                new("Waikato", "Hamilton"),
                new("Otago", "Dunedin", "Queenstown"),
                new("Bay of Plenty", "Tauranga"),
                new("Manawatu-Wanganui", "Palmerston North"),
            ],
            Postcode = PostcodeFormat.Numeric(1000, 9999),
            PhonePattern = "(###)-###-####", CellPattern = "(02#)-###-####",
            IdName = "IRD", IdPattern = "###-###-###",
        },
        new()
        {
            // Bogus has no Serbian locale; Croatian names and streets are close relatives.
            Code = "RS", Country = "Serbia",
            FirstNameLocale = "hr", LastNameLocale = "hr", StreetLocale = "hr",
            Regions =
            [
                new("Beograd", "Beograd"),
                new("Južnobački", "Novi Sad"),
                new("Nišavski", "Niš"),
                new("Šumadijski", "Kragujevac"),
                new("Zlatiborski", "Užice"),
                new("Severnobački", "Subotica"),
                new("Pomoravski", "Jagodina"),
            ],
            Postcode = PostcodeFormat.Numeric(11000, 39999),
            PhonePattern = "0##-####-###", CellPattern = "06#-####-###",
            IdName = "SID", IdPattern = "#########",
        },
        new()
        {
            Code = "TR", Country = "Turkey",
            FirstNameLocale = "tr", LastNameLocale = "tr", StreetLocale = "tr",
            Regions =
            [
                new("İstanbul", "İstanbul"),
                new("Ankara", "Ankara"),
                new("İzmir", "İzmir"),
                new("Bursa", "Bursa"),
                new("Antalya", "Antalya"),
                new("Adana", "Adana"),
                new("Konya", "Konya"),
                new("Trabzon", "Trabzon"),
            ],
            Postcode = PostcodeFormat.Numeric(10000, 81999),
            PhonePattern = "(###)-###-####", CellPattern = "(5##)-###-####",
            IdName = "TC", IdPattern = "###########",
        },
        new()
        {
            Code = "UA", Country = "Ukraine",
            FirstNameLocale = "uk", LastNameLocale = "uk", StreetLocale = "uk",
            Regions =
            [
                new("Київ", "Київ"),
                new("Харківська", "Харків"),
                new("Одеська", "Одеса"),
                new("Львівська", "Львів"),
                new("Дніпропетровська", "Дніпро", "Кривий Ріг"),
                new("Запорізька", "Запоріжжя"),
                new("Вінницька", "Вінниця"),
            ],
            Postcode = PostcodeFormat.Numeric(10000, 99999),
            PhonePattern = "(0##) ###-####", CellPattern = "(09#) ###-####",
            IdName = "INN", IdPattern = "##########",
        },
        new()
        {
            Code = "US", Country = "United States",
            FirstNameLocale = "en", LastNameLocale = "en_US", StreetLocale = "en_US",
            Regions =
            [
                new("California", "Los Angeles", "San Diego", "San Jose"),
                new("Texas", "Houston", "Dallas", "Austin"),
                new("New York", "New York City", "Buffalo"),
                new("Florida", "Miami", "Orlando", "Tampa"),
                new("Illinois", "Chicago"),
                new("Washington", "Seattle", "Spokane"),
                new("Pennsylvania", "Philadelphia", "Pittsburgh"),
                new("Ohio", "Columbus", "Cleveland"),
            ],
            Postcode = PostcodeFormat.Numeric(10000, 99999),
            PhonePattern = "(###) ###-####", CellPattern = "(###) ###-####",
            IdName = "SSN", IdPattern = "###-##-####",
        },
    ];
}
