//! One table of cases per recogniser: the text, and the claims of that kind
//! factlint must read from it (normalised), in order. An empty list means
//! nothing of that kind may be read.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

use factlint::extract::{self, vocab::Vocabulary};
use factlint::rules::{self, RuleSource};
use factlint::source;
use factlint::value::Date;

const RULES: &str = r#"
city Moscow = "موسكو" | "Moscow"
city Rabat  = "الرباط" | "Rabat"
city Tangier = "طنجة" | "Tangier" | "Tanger"
unit foreigner   = "أجنبي" | "foreigner" | "étranger"
unit nationality = "جنسية" | "nationality" | "nationalité"
unit country     = "دولة" | "دول" | "country" | "pays"
unit container   = "حاوية" | "container" | "conteneur"
place Stadium    = "ملعب محمد الخامس" | "stade Mohammed V"
unit son         = "أبناء"
"#;

/// The normalised values of the claims of `kind` read from `text`.
fn read(text: &str, kind: &str, anchor: Option<Date>) -> Vec<String> {
    read_as(text, &[kind], anchor, None)
}

/// The claims of any of `kinds`, with the report's date and language.
fn read_as(
    text: &str,
    kinds: &[&str],
    anchor: Option<Date>,
    lang: Option<factlint::source::Lang>,
) -> Vec<String> {
    read_with(RULES, text, kinds, anchor, lang)
}

/// The same, under the vocabulary of `rule_text`.
fn read_with(
    rule_text: &str,
    text: &str,
    kinds: &[&str],
    anchor: Option<Date>,
    lang: Option<factlint::source::Lang>,
) -> Vec<String> {
    let set = rules::load(&RuleSource::new("t.rules", rule_text)).unwrap();
    let vocab = Vocabulary::new(&set);
    let mut src = source::load("t.txt", text.as_bytes(), 1 << 20).unwrap();
    std::sync::Arc::make_mut(&mut src.meta).date = anchor;
    if let Some(l) = lang {
        src.lang = l;
    }
    extract::extract(&src, Some(&set), Some(&vocab))
        .claims
        .iter()
        .filter(|c| kinds.contains(&c.value.kind_name()))
        .map(|c| c.value.normalized(Some(&set)))
        .collect()
}

/// A table whose cases each name the report's language.
fn table_in(
    kinds: &[&str],
    anchor: Option<Date>,
    cases: &[(&str, factlint::source::Lang, &[&str])],
) {
    each_in(&format!("{kinds:?}"), cases, |text, lang| {
        read_as(text, kinds, anchor, Some(lang))
    });
}

/// Every case (a text in a language) reads, by `read`, as it wants.
fn each_in(
    what: &str,
    cases: &[(&str, factlint::source::Lang, &[&str])],
    read: impl Fn(&str, factlint::source::Lang) -> Vec<String>,
) {
    let mut failures = Vec::new();
    for (text, lang, want) in cases {
        let got = read(text, *lang);
        if got != *want {
            failures.push(format!("{text:?}: want {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{what}:\n{}", failures.join("\n"));
}

/// The extraction of `text` as a report in `lang`, with the table's rules.
fn extract_in(text: &str, lang: factlint::source::Lang) -> (rules::RuleSet, extract::Extraction) {
    let set = rules::load(&RuleSource::new("t.rules", RULES)).unwrap();
    let vocab = Vocabulary::new(&set);
    let mut src = source::load("t.txt", text.as_bytes(), 1 << 20).unwrap();
    src.lang = lang;
    let ex = extract::extract(&src, Some(&set), Some(&vocab));
    (set, ex)
}

fn table(kind: &str, cases: &[(&str, &[&str])]) {
    table_at(kind, None, cases);
}

/// `table` with the report's date.
fn table_at(kind: &str, anchor: Option<Date>, cases: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got = read(text, kind, anchor);
        if got != *want {
            failures.push(format!("{text:?}: want {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{kind}:\n{}", failures.join("\n"));
}

#[test]
fn cardinals() {
    table(
        "number",
        &[
            ("وصل 1,240 زائرا", &["1240"]),
            ("وصل ١٢٤٠ زائرا", &["1240"]),
            ("وصل ۱۲۴۰ زائرا", &["1240"]),
            ("قيمة 3.5 مليون", &["3500000"]),
            ("قيمة ٣٫٥ في العينة", &["3.5"]),
            ("وصل ١٬٢٤٠ زائرا", &["1240"]),
            ("حضر ثلاثة آلاف شخص", &["3000"]),
            ("حضر خمسة وعشرون شخصا", &["25"]),
            ("حضر اثنتين وأربعين امرأة", &["42"]),
            ("بلغ مئة وخمسة", &["105"]),
            ("بلغ مائة وخمسة", &["105"]),
            ("حضر ثلاث مائة", &["300"]),
            ("بلغ ألفين", &["2000"]),
            ("بلغ مليونين", &["2000000"]),
            ("حضر نحو 300 شخص", &["about 300"]),
            ("حضر حوالي 300 شخص", &["about 300"]),
            ("حضر أزيد من 300 شخص", &["more than 300"]),
            ("forty-two people came", &["42"]),
            ("more than 300 people came", &["more than 300"]),
            ("about 1,240 people", &["about 1240"]),
            ("quarante-deux personnes", &["42"]),
            ("quatre-vingt-dix personnes", &["90"]),
            ("plus de 300 personnes", &["more than 300"]),
            ("environ 1 240 personnes dans la salle", &["about 1240"]),
            ("il y avait 3,5 tonnes", &["3.5"]),
            // not numbers
            ("one of the officials", &[]),
            ("un responsable et une responsable", &[]),
            ("أحد المسؤولين", &[]),
            ("والاستخبارات", &[]),
        ],
    );
}

#[test]
fn ordinals() {
    table(
        "ordinal",
        &[
            ("الاجتماع الثالث عشر", &["#13"]),
            ("الدورة الثالثة عشرة", &["#13"]),
            ("الاجتماع الثاني والعشرين", &["#22"]),
            ("الاجتماع الحادي عشر", &["#11"]),
            ("الدورة الحادية عشرة", &["#11"]),
            ("الدورة الـ34 للجنة", &["#34"]),
            ("للمرة الأولى", &["#1"]),
            ("الذكرى المائة", &["#100"]),
            ("the 13th meeting", &["#13"]),
            ("the thirteenth meeting", &["#13"]),
            ("the twenty-first edition", &["#21"]),
            ("la 13e réunion", &["#13"]),
            ("la treizième réunion", &["#13"]),
            ("le 1er forum", &["#1"]),
            // not ordinals
            ("في المئة", &[]),
            ("أولى المسؤولان اهتماما", &[]),
            ("أحد عشر لاعبا", &[]),
        ],
    );
}

#[test]
fn dates() {
    table(
        "date",
        &[
            ("من 27 إلى29 من ماي الجاري", &["--05-27 .. --05-29"]),
            ("من 27 إلى 29 ماي 2025", &["2025-05-27 .. 2025-05-29"]),
            ("يوم 3 آذار/مارس 2025", &["2025-03-03"]),
            ("في 3 كانون الثاني 2025", &["2025-01-03"]),
            ("الثالث من آذار 2025", &["2025-03-03"]),
            ("27-29 May 2025", &["2025-05-27 .. 2025-05-29"]),
            ("from 3 to 5 March 2025", &["2025-03-03 .. 2025-03-05"]),
            ("March 3, 2025", &["2025-03-03"]),
            ("March 3-5, 2025", &["2025-03-03 .. 2025-03-05"]),
            ("du 3 au 5 mars 2025", &["2025-03-03 .. 2025-03-05"]),
            ("le 14 juillet 2025", &["2025-07-14"]),
            ("من 30 ماي إلى 2 يونيو 2025", &["2025-05-30 .. 2025-06-02"]),
            ("في 27/05/2025", &["2025-05-27"]),
            ("في 2025-05-27", &["2025-05-27"]),
            ("خلال شهر ماي", &["--05"]),
            ("في يوليوز 2024", &["2024-07"]),
            ("منذ عام 2010", &["2010"]),
            ("20 غشت 2024", &["2024-08-20"]),
            ("3 شتنبر 2024", &["2024-09-03"]),
            ("5 دجنبر 2024", &["2024-12-05"]),
            ("5 جوان 2024", &["2024-06-05"]),
            // not dates
            ("حماية المنشآت", &[]),
            ("مكافحة الإرهاب", &[]),
            ("it may rain", &[]),
        ],
    );
}

#[test]
fn a_date_without_year_takes_the_reports_year() {
    let anchor = Date::new(Some(2024), 5, 22);
    assert_eq!(
        read("من 27 إلى 29 ماي الجاري", "date", anchor),
        ["2024-05-27 .. 2024-05-29"]
    );
    assert_eq!(
        read("يوم 3 من الشهر الجاري", "date", anchor),
        ["2024-05-03"]
    );
}

#[test]
fn days_relative_to_the_report_date() {
    // Wednesday 22 May 2024
    let anchor = Date::new(Some(2024), 5, 22);
    assert_eq!(read("افتتح أمس", "date", anchor), ["2024-05-21"]);
    assert_eq!(read("opened yesterday", "date", anchor), ["2024-05-21"]);
    assert_eq!(read("يختتم غدا", "date", anchor), ["2024-05-23"]);
    assert_eq!(read("قبل أمس", "date", anchor), ["2024-05-20"]);
    assert_eq!(read("الاثنين الماضي", "date", anchor), ["2024-05-20"]);
    assert_eq!(read("الاثنين المقبل", "date", anchor), ["2024-05-27"]);
    assert_eq!(read("last Wednesday", "date", anchor), ["2024-05-15"]);
    // without a report date, nothing to resolve against
    assert_eq!(read("افتتح أمس", "date", None), Vec::<String>::new());
    // today and a bare weekday stay unresolved
    assert_eq!(read("المغرب اليوم", "date", anchor), Vec::<String>::new());
    assert_eq!(read("يوم الاثنين", "date", anchor), Vec::<String>::new());
}

#[test]
fn weekdays() {
    table(
        "weekday",
        &[
            ("استقبل يوم الاثنين الوفد", &["Monday"]),
            ("اجتمع الخميس الماضي", &["Thursday"]),
            ("met on Friday", &["Friday"]),
            ("réunis mardi", &["Tuesday"]),
            // "the two", "one of": not weekdays without يوم or a date
            ("اتفق الاثنين على", &[]),
            ("الأحد عشر لاعبا", &[]),
        ],
    );
    // A weekday written with a date is part of the date claim.
    assert_eq!(
        read("يوم الاثنين 3 مارس 2025", "weekday", None),
        Vec::<String>::new()
    );
    assert_eq!(read("يوم الاثنين 3 مارس 2025", "date", None), ["2025-03-03"]);
}

#[test]
fn percentages() {
    table(
        "percent",
        &[
            ("بنسبة 37 في المئة", &["37%"]),
            ("بـ11 في المئة", &["11%"]),
            ("37 في المائة", &["37%"]),
            ("37 بالمائة", &["37%"]),
            ("37%", &["37%"]),
            ("٣٧٪", &["37%"]),
            ("بنسبة 37", &["37%"]),
            ("نحو 40 في المئة", &["about 40%"]),
            ("12.5 per cent", &["12.5%"]),
            ("12 percent", &["12%"]),
            ("12 pour cent", &["12%"]),
            ("خمسين في المئة", &["50%"]),
            // The sign typed before the digits in Arabic text.
            ("صوّت ٪٥٠ من الناخبين", &["50%"]),
            ("صوّت %40 من الناخبين", &["40%"]),
            // A sign after a number stays with it.
            ("ارتفعت 40% 50 مرة", &["40%"]),
            // The article before a percent: not the ordinal `الـN`.
            ("من بين الـ52% الذين صوتوا له", &["52%"]),
            ("حصل على الـ40 في المئة من الأصوات", &["40%"]),
        ],
    );
}

/// What each figure of `text` (in `lang`) is rounded to: the unit of the
/// last digit it is written with, 0 when it is taken as exact.
fn steps_in(text: &str, lang: factlint::source::Lang) -> Vec<String> {
    use factlint::extract::ClaimValue;
    let (set, ex) = extract_in(text, lang);
    ex.claims
        .iter()
        .filter_map(|c| match &c.value {
            ClaimValue::Percent { value }
            | ClaimValue::Number { value }
            | ClaimValue::Count { value, .. } => Some(format!(
                "{} ~{}",
                c.value.normalized(Some(&set)),
                value.step
            )),
            _ => None,
        })
        .collect()
}

/// A figure written rounded allows what rounds to it: its step is the
/// unit of its last digit, times its scale word.
#[test]
fn figures_are_rounded_to_their_last_digit() {
    use factlint::source::Lang::{Ar, En, Fr};
    let cases: &[(&str, factlint::source::Lang, &[&str])] = &[
        ("50.4%", En, &["50.4% ~0.1"]),
        ("50%", En, &["50% ~1"]),
        ("خمسين في المئة", Ar, &["50% ~1"]),
        ("50,4 %", Fr, &["50.4% ~0.1"]),
        ("It cost 20.3 million.", En, &["20300000 ~100000"]),
        ("بلغت الكلفة 20 مليون.", Ar, &["20000000 ~1000000"]),
        ("وصل 140 ألف زائر.", Ar, &["140000 ~1000"]),
        ("A magnitude of 6.8 was measured.", En, &["6.8 ~0.1"]),
        // Whole numbers written out, and numbers in words, are exact.
        ("1,240 containers", En, &["1240 × container ~0"]),
        ("Il a coûté 20 312 000 euros.", Fr, &["20312000 ~0"]),
        ("twenty million", En, &["20000000 ~0"]),
    ];
    each_in("steps", cases, steps_in);
}

/// Each percent of `text` (in `lang`) with the whole it is a share of:
/// `main` (the shares listed together), `change` (a rate of change, no
/// share), `own1`, `own2` … (a whole of its own), `sub1` … (a subset).
fn shares_in(text: &str, lang: factlint::source::Lang) -> Vec<String> {
    use factlint::extract::shares::Share;
    let (set, ex) = extract_in(text, lang);
    // Wholes of their own and subsets, numbered as they come.
    let (mut own, mut sub): (Vec<Share>, Vec<Share>) = (Vec::new(), Vec::new());
    let number = |seen: &mut Vec<Share>, s: Share| {
        if !seen.contains(&s) {
            seen.push(s);
        }
        seen.iter().position(|x| *x == s).unwrap_or(0) + 1
    };
    ex.claims
        .iter()
        .filter(|c| c.value.kind_name() == "percent")
        .map(|c| {
            let whole = match c.share {
                Share::Listed => "main".to_string(),
                Share::Change => "change".to_string(),
                Share::Ratio => "ratio".to_string(),
                Share::Bound => "bound".to_string(),
                s @ Share::Own(_) => format!("own{}", number(&mut own, s)),
                s @ Share::Subset(_) => format!("sub{}", number(&mut sub, s)),
            };
            format!("{} {whole}", c.value.normalized(Some(&set)))
        })
        .collect()
}

/// Sums of percents add the shares of one whole: what each percent is a
/// share of, in the three languages.
#[test]
fn percents_are_shares_of_their_whole() {
    use factlint::source::Lang::{Ar, En, Fr};
    let cases: &[(&str, factlint::source::Lang, &[&str])] = &[
        // Shares listed together, rounded or not.
        (
            "حصل الحزب على 50.4% من الأصوات، والثاني على 30.3%، والثالث على 19.4%.",
            Ar,
            &["50.4% main", "30.3% main", "19.4% main"],
        ),
        (
            "Salhi took 52% against 48% for Benali.",
            En,
            &["52% main", "48% main"],
        ),
        // A named rate beside the shares is a whole of its own.
        (
            "بلغت نسبة المشاركة 45 في المئة، وحصل الصالحي على 52 في المئة مقابل 48 في المئة.",
            Ar,
            &["45% own1", "52% main", "48% main"],
        ),
        (
            "Turnout was 45%, and Salhi took 52% against 48%.",
            En,
            &["45% own1", "52% main", "48% main"],
        ),
        (
            "Le taux de participation a atteint 45 %, et Salhi a obtenu 52 % contre 48 %.",
            Fr,
            &["45% own1", "52% main", "48% main"],
        ),
        // A rate of change is no share; a level reached or left is a whole.
        (
            "وارتفعت الصادرات بنسبة 40% والواردات بنسبة 70%.",
            Ar,
            &["40% change", "70% change"],
        ),
        (
            "Exports rose by 40% and a 70% rise in imports followed.",
            En,
            &["40% change", "70% change"],
        ),
        (
            "Les exportations sont en hausse de 40 %.",
            Fr,
            &["40% change"],
        ),
        (
            "Approval fell to 40% from 65%.",
            En,
            &["40% own1", "65% own2"],
        ),
        ("ارتفعت النسبة إلى 55%.", Ar, &["55% own1"]),
        // A ratio is no share; nor is a comparative.
        (
            "Public debt reached 120% of GDP, and the deficit 5.2% of GDP.",
            En,
            &["120% ratio", "5.2% ratio"],
        ),
        (
            "بلغ الدين 120 في المئة من الناتج الداخلي الخام.",
            Ar,
            &["120% ratio"],
        ),
        (
            "Le taux d'occupation des hôpitaux atteint 110 %.",
            Fr,
            &["110% ratio"],
        ),
        (
            "Prices were 150% higher than a year ago.",
            En,
            &["150% change"],
        ),
        ("وتضاعفت الأسعار بنسبة 150% خلال سنة.", Ar, &["150% change"]),
        // A range is one share, counted by its lower end.
        (
            "Polls credit Salhi with between 48% and 52%, and Benali with 45%.",
            En,
            &["48% main", "52% bound", "45% main"],
        ),
        (
            "تمنحه الاستطلاعات ما بين 48% و52% من الأصوات، وبنعلي 45%.",
            Ar,
            &["48% main", "52% bound", "45% main"],
        ),
        (
            "Les sondages lui donnent entre 48 % et 52 % des voix.",
            Fr,
            &["48% main", "52% bound"],
        ),
        // A value compared with is of another time.
        (
            "Turnout was 45% compared with 60% in 2021.",
            En,
            &["45% own1", "60% own2"],
        ),
        (
            "حصل على 45% مقارنة بـ 60% في الدورة الماضية.",
            Ar,
            &["45% main", "60% own1"],
        ),
        // The shares of a subset, after "of which" or after its whole.
        (
            "Of the 52% who backed him, 60% were young and 40% older.",
            En,
            &["52% own1", "60% sub1", "40% sub1"],
        ),
        (
            "من بين الـ52% الذين صوتوا له، 60% من الشباب و40% من النساء.",
            Ar,
            &["52% own1", "60% sub1", "40% sub1"],
        ),
        (
            "Parmi les 52 % qui l'ont choisi, 70 % vivent en ville et 30 % à la campagne.",
            Fr,
            &["52% own1", "70% sub1", "30% sub1"],
        ),
        (
            "بلغ عدد الناخبين 20 مليونا منهم 55% من النساء و45% من الرجال.",
            Ar,
            &["55% sub1", "45% sub1"],
        ),
    ];
    each_in("shares", cases, shares_in);
}

#[test]
fn counts() {
    table(
        "count",
        &[
            (
                "62 أجنبيًا من 25 جنسية",
                &["62 × foreigner", "25 × nationality"],
            ),
            ("أكثر من مائة دولة", &["more than 100 × country"]),
            ("من 25 جنسيات", &["25 × nationality"]),
            (
                "62 foreigners of 25 nationalities",
                &["62 × foreigner", "25 × nationality"],
            ),
            ("more than 100 countries", &["more than 100 × country"]),
            ("62 étrangers", &["62 × foreigner"]),
            // a unit noun without a number is not a count
            ("دول الجوار", &[]),
        ],
    );
}

/// Counts of money and of what French counts after `de`: a currency sign
/// or an abbreviation in capitals before the figure, a scale word then
/// `de` before the noun.
#[test]
fn counts_of_money_and_after_de() {
    use factlint::source::Lang::{Ar, En, Fr};
    const MONEY: &str = r#"
unit dollar = "$" | "dollar"
unit dirham = "DH" | "dirham" | "درهم"
unit person = "habitant" | "people" | "personne"
"#;
    each_in(
        "count",
        &[
            (
                "spending of DH 520 billion ($52 billion)",
                En,
                &["520000000000 × dirham", "52000000000 × dollar"],
            ),
            ("more than $3m", En, &["more than 3000000 × dollar"]),
            (
                "DH520 billion, up from Dh480bn, or $52bn",
                En,
                &[
                    "520000000000 × dirham",
                    "480000000000 × dirham",
                    "52000000000 × dollar",
                ],
            ),
            ("$ 12 million", En, &["12000000 × dollar"]),
            ("520 milliards de dirhams", Fr, &["520000000000 × dirham"]),
            ("2 millions d'habitants", Fr, &["2000000 × person"]),
            ("520 مليار درهم", Ar, &["520000000000 × dirham"]),
            // the dual before its noun, the Maghrebi plural
            (
                "ملياري درهم و3 ملايير درهم",
                Ar,
                &["2000000000 × dirham", "3000000000 × dirham"],
            ),
            // a noun in lower case before a number is no count
            ("the dirham 2020 rate", En, &[]),
            // `de` after a number without a scale word
            ("500 de ces personnes", Fr, &[]),
        ],
        |text, lang| read_with(MONEY, text, &["count"], None, Some(lang)),
    );
}

#[test]
fn breakdowns() {
    table(
        "breakdown",
        &[
            (
                "حجزت 1240 حاوية، منها 700 حاوية و300 حاوية و240 حاوية",
                &["1240 = 700 + 300 + 240"],
            ),
            (
                "1,240 containers, of which 700 held fuel and 540 held food",
                &["1240 = 700 + 540"],
            ),
            (
                "1 240 conteneurs, dont 700 de carburant et 540 de nourriture",
                &["1240 = 700 + 540"],
            ),
            // one part only: no breakdown
            ("1,240 containers, of which 700 held fuel", &[]),
            // `one` after a noun counts the noun, not a part of the total
            ("أودى الزلزال بحياة 455 شخصا، منهم 140 في مدينة واحدة", &[]),
            ("455 people died, of whom 140 in one province", &[]),
            // after `and`, it is a part
            (
                "12 boats, of which 10 sank and two drifted ashore",
                &["12 = 10 + 2"],
            ),
        ],
    );
}

#[test]
fn datelines() {
    table(
        "dateline",
        &[
            (
                "الرباط - قال المسؤول إن الاجتماع انعقد في موسكو.",
                &["Rabat"],
            ),
            (
                "TANGIER, Morocco, March 3 — Officials met in Rabat.",
                &["Tangier"],
            ),
            (
                "Rabat, 3 mars (AFP) - Les responsables se sont réunis.",
                &["Rabat"],
            ),
            ("Title line\n\nالرباط - النص", &["Rabat"]),
            // a news agency's: the place, `في`, the date, the agency
            ("الرباط في 30 ماي 2025 (و م ع) - اختتم الاجتماع.", &["Rabat"]),
            // a city inside the text is not a dateline
            ("قال المسؤول إن الرباط - كما قال - مهمة.", &[]),
        ],
    );
    // Nor is the dateline's date a date of the text.
    assert_eq!(
        read(
            "الرباط في 30 ماي 2025 (و م ع) - اختتم الاجتماع يوم 29 ماي.",
            "date",
            None
        ),
        ["--05-29"]
    );
    assert_eq!(
        read(
            "الرباط - 30-05-2025 (ومع) - اختتم الاجتماع يوم 29 ماي.",
            "date",
            None
        ),
        ["--05-29"]
    );
    // The dateline's place is not read as an entity of the text.
    assert_eq!(
        read("الرباط - اجتمع الوفد في موسكو.", "entity", None),
        ["Moscow"]
    );
}

/// A text, the report's date and time, the stamps wanted.
type StampCase<'a> = (&'a str, Option<Date>, Option<u16>, &'a [&'a str]);

/// When each figure holds: (text, report date, report time) → the stamps of
/// its figures as `YYYY-MM-DD HH:MM` (`--` for no time of day, `?` for an
/// unplaced day), with `~` for the report's own time.
#[test]
fn figures_get_the_time_they_hold_for() {
    let set = rules::load(&RuleSource::new(
        "t.rules",
        "org Interior = \"وزارة الداخلية\" | \"interior ministry\" | \"ministère de l'Intérieur\"\nunit death = \"قتيل\" | \"قتلى\" | \"people\" | \"morts\"\n",
    ))
    .unwrap();
    let vocab = Vocabulary::new(&set);
    let saturday = Date::new(Some(2027), 3, 13);
    let sunday = Date::new(Some(2027), 3, 14);
    let cases: &[StampCase] = &[
        (
            "خلف الزلزال 140 قتيلا إلى حدود الساعة الخامسة صباحا.",
            saturday,
            None,
            &["2027-03-13 05:00"],
        ),
        (
            "بلغت الحصيلة 610 قتلى حتى الساعة الثامنة مساء.",
            saturday,
            None,
            &["2027-03-13 20:00"],
        ),
        (
            "ارتفعت الحصيلة إلى 455 قتيلا حتى الساعة 12:00.",
            saturday,
            None,
            &["2027-03-13 12:00"],
        ),
        (
            "ارتفعت الحصيلة صباح الأحد إلى 780 قتيلا.",
            sunday,
            None,
            &["2027-03-14 09:00"],
        ),
        (
            "The quake killed 310 people, officials said at 8 a.m.",
            saturday,
            None,
            &["2027-03-13 08:00"],
        ),
        (
            "By Sunday evening 1,020 people had died.",
            sunday,
            None,
            &["2027-03-14 19:00"],
        ),
        (
            "Yesterday evening the toll stood at 900 people.",
            sunday,
            None,
            &["2027-03-13 19:00"],
        ),
        (
            "Le bilan s'élève à 610 morts vers 18h00.",
            saturday,
            None,
            &["2027-03-13 18:00"],
        ),
        (
            "Samedi soir, le bilan atteignait 700 morts.",
            sunday,
            None,
            &["2027-03-13 19:00"],
        ),
        (
            "On Saturday the toll rose to 455 people.",
            sunday,
            None,
            &["2027-03-13 --"],
        ),
        (
            "The toll stands at 455 people.",
            saturday,
            Some(18 * 60 + 40),
            &["2027-03-13 18:40~"],
        ),
        ("By 10 a.m. 140 people had died.", None, None, &["? 10:00"]),
    ];
    let mut failures = Vec::new();
    for (text, date, time, want) in cases {
        let mut src = source::load("t.txt", text.as_bytes(), 1 << 20).unwrap();
        std::sync::Arc::make_mut(&mut src.meta).date = *date;
        std::sync::Arc::make_mut(&mut src.meta).time = *time;
        let got: Vec<String> = extract::extract(&src, Some(&set), Some(&vocab))
            .claims
            .iter()
            .filter_map(|c| c.at)
            .map(|s| {
                format!(
                    "{} {}{}",
                    s.date.map_or("?".to_string(), |d| d.iso()),
                    s.minutes
                        .map_or("--".to_string(), |m| format!("{:02}:{:02}", m / 60, m % 60)),
                    if s.span.is_none() { "~" } else { "" }
                )
            })
            .collect();
        if got != *want {
            failures.push(format!("{text:?}: want {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Who states a figure: an org named with an attribution or a reporting verb.
#[test]
fn figures_get_their_authority() {
    let set = rules::load(&RuleSource::new(
        "t.rules",
        "org Interior = \"وزارة الداخلية\" | \"interior ministry\" | \"ministère de l'Intérieur\"\nunit death = \"قتيل\" | \"قتلى\" | \"people\" | \"morts\"\n",
    ))
    .unwrap();
    let vocab = Vocabulary::new(&set);
    let cases: &[(&str, bool)] = &[
        ("أفادت وزارة الداخلية بأن الحصيلة بلغت 140 قتيلا.", true),
        ("بلغت الحصيلة 455 قتيلا حسب وزارة الداخلية.", true),
        ("455 people died, according to the interior ministry.", true),
        ("455 people died, the interior ministry said.", true),
        ("Selon le ministère de l'Intérieur, 455 morts.", true),
        (
            "Rescuers from the interior ministry found 40 people.",
            false,
        ),
        ("455 people died.", false),
    ];
    let mut failures = Vec::new();
    for (text, attributed) in cases {
        let src = source::load("t.txt", text.as_bytes(), 1 << 20).unwrap();
        let by: Vec<bool> = extract::extract(&src, Some(&set), Some(&vocab))
            .claims
            .iter()
            .filter(|c| c.at.is_some())
            .map(|c| c.by.is_some())
            .collect();
        if by != [*attributed] {
            failures.push(format!("{text:?}: want {attributed}, got {by:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Traps of real news: `الـN` before a counted noun or after "round" is a
/// count; a number inside a name the vocabulary knows is part of the name;
/// `en plus de` hedges nothing; a number alone on its line is a figure
/// unless a counter's label stands above it.
#[test]
fn token_traps_of_real_news() {
    table(
        "ordinal",
        &[
            ("تأهل إلى دور الـ16 من البطولة", &[]),
            ("خلال الـ48 ساعة الماضية", &[]),
            ("في الساعات الـ24 الأخيرة", &[]),
            ("الدورة الـ34 للجنة", &["#34"]),
            ("على أرضية ملعب محمد الخامس بالدار البيضاء", &[]),
            ("au stade Mohammed V, la 5e édition", &["#5"]),
        ],
    );
    table(
        "number",
        &[
            ("en plus de 20 délégués", &["20"]),
            ("فاس\n120\nمكناس\n75", &["120", "75"]),
            ("تعليقات\n0", &[]),
        ],
    );
    let hedged = read("plus de 20 délégués", "number", None);
    assert_eq!(hedged, ["more than 20"]);
}

/// English and French number words follow each other without a joiner;
/// scales after digits.
#[test]
fn latin_compounds_and_scales() {
    use factlint::source::Lang::{En, Fr};
    let cases: &[(&str, factlint::source::Lang, &[&str])] = &[
        ("seven hundred twenty-one thousand twelve", En, &["721012"]),
        ("two thousand five hundred", En, &["2500"]),
        ("one hundred and twenty", En, &["120"]),
        ("twenty one", En, &["21"]),
        ("the twenty fifth", En, &["#25"]),
        ("a 100k bonus and $3m", En, &["100000", "3000000"]),
        ("3 bn and 1.2m", En, &["3000000000", "1200000"]),
        ("the 100m final", En, &["100"]),
        ("two dozen", En, &["24"]),
        ("soixante dix huit", Fr, &["78"]),
        ("quatre vingt onze", Fr, &["91"]),
        ("quatre-vingt-onze", Fr, &["91"]),
        ("dix sept", Fr, &["17"]),
        ("vingt-et-un", Fr, &["21"]),
        ("cent cinquante", Fr, &["150"]),
        ("deux mille trois cents", Fr, &["2300"]),
    ];
    table_in(&["number", "ordinal"], None, cases);
}

/// Numbers as they are said and signed, scales of Indian English, capital
/// scale letters, glued ordinals; and the same words where they are no
/// number.
#[test]
fn said_signed_and_regional_numbers() {
    use factlint::source::Lang::{Ar, En, Fr};
    let cases: &[(&str, factlint::source::Lang, &[&str])] = &[
        // The word for one.
        ("one", En, &["1"]),
        ("at least one person died", En, &["at least 1"]),
        ("one of the victims", En, &[]),
        ("no one was hurt", En, &[]),
        ("the one who left", En, &[]),
        ("one by one", En, &[]),
        ("one in five voters", En, &["5"]),
        ("un", Fr, &["1"]),
        ("une seule victime", Fr, &["1"]),
        ("un homme a été blessé", Fr, &[]),
        ("a single vote", En, &["1"]),
        ("not a single vote", En, &[]),
        ("a single-member seat", En, &[]),
        ("a pair of shoes", En, &["2"]),
        ("the single market", En, &[]),
        ("naught", En, &["0"]),
        ("they won two-nil", En, &["2", "0"]),
        // Said as read.
        ("1 point 1", En, &["1.1"]),
        ("point 77", En, &["0.77"]),
        ("the point 5 of the plan", En, &["5"]),
        ("two point two million", En, &["2200000"]),
        ("three point seven five", En, &["3.75"]),
        ("one twenty two", En, &["122"]),
        ("trente 3", Fr, &["33"]),
        ("trois virgule cinq", Fr, &["3.5"]),
        ("6 700,54", Fr, &["6700.54"]),
        (",0012", Fr, &["0.0012"]),
        // Signs in words.
        (
            "minus three million two hundred thousand",
            En,
            &["-3200000"],
        ),
        ("negative 1200000", En, &["-1200000"]),
        ("plus or minus 3", En, &["3"]),
        ("moins 12 degrés", Fr, &["-12"]),
        ("au moins 12 morts", Fr, &["at least 12"]),
        ("درجة الحرارة سالب 5", Ar, &["-5"]),
        // A dash and a space open a list item, not a negative number.
        ("- 1,200,000 displaced", En, &["1200000"]),
        // Scales.
        ("3M", En, &["3000000"]),
        ("a 3m wall", En, &["3"]),
        (".0012G", En, &["1200000"]),
        ("-.0012G", En, &["-1200000"]),
        ("5g of salt", En, &["5"]),
        ("three thousand millions", En, &["3000000000"]),
        ("Rs 12 lakhs", En, &["1200000"]),
        ("30 lakh", En, &["3000000"]),
        (
            "three crore twelve lakh fifty-six thousand seven hundred twenty-one",
            En,
            &["31256721"],
        ),
        ("three hundred Cr", En, &["3000000000"]),
        ("5 cr", En, &["50000000"]),
        ("300 kr", En, &["300"]),
        ("3 lacs", Fr, &["3"]),
        ("30 l of water", En, &["30"]),
        // Glued ordinals.
        ("twentyfifth", En, &["#25"]),
        ("the seventythird", En, &["#73"]),
    ];
    table_in(&["number", "ordinal"], None, cases);
}

/// Numeric dates by language: the order that reads, month first in English
/// when both do; a day and month with no year only after a word that
/// introduces a date.
#[test]
fn numeric_dates_by_language() {
    use factlint::source::Lang::{Ar, En, Fr};
    let cases: &[(&str, factlint::source::Lang, &[&str])] = &[
        ("on 2/15", En, &["2013-02-15"]),
        ("born 10/31/1974", En, &["1974-10-31"]),
        ("10/31/74", En, &["1974-10-31"]),
        ("on 3/4", En, &["2013-03-04"]),
        ("le 15/2", Fr, &["2013-02-15"]),
        ("le 2/3", Fr, &["2013-03-02"]),
        ("يوم 21/09", Ar, &["2013-09-21"]),
        ("27/05/2025", Ar, &["2025-05-27"]),
        ("3/4 of the votes", En, &[]),
    ];
    table_in(&["date"], Date::new(Some(2013), 2, 12), cases);
}

/// Arabic digits joined to scale words, duals and numbers after their
/// noun as counts, French Roman ordinals, ranges across a year with both
/// years written, and `الأحد`/`الاثنين` after a verb; with the look-alikes
/// that are none of these.
#[test]
fn joined_numbers_duals_romans_and_years() {
    use factlint::source::Lang::{Ar, En, Fr};
    let numbers: &[(&str, factlint::source::Lang, &[&str])] = &[
        ("72 ألفاً و133 شخصا", Ar, &["72133"]),
        ("مليوناً و100 ألف", Ar, &["1100000"]),
        ("2.5 مليون", Ar, &["2500000"]),
        ("3 آلاف و5000", Ar, &["3000", "5000"]),
    ];
    table_in(&["number"], None, numbers);
    let counts: &[(&str, factlint::source::Lang, &[&str])] = &[
        ("انعقد الاجتماع بمشاركة دولتين فقط", Ar, &["2 × country"]),
        ("شاركت الدول الثلاث في الاجتماع", Ar, &["3 × country"]),
        ("لم تحضر إلا دولة واحدة", Ar, &["1 × country"]),
        ("فقد أبناءه الأربعة في الزلزال", Ar, &["4 × son"]),
        ("فقد أبناءه في الزلزال", Ar, &[]),
        ("زارت 5 دول عربية", Ar, &["5 × country"]),
        ("وصلت الدول 13 إلى الاتفاق", Ar, &[]),
        ("a country apart", En, &[]),
    ];
    table_in(&["count"], None, counts);
    let ordinals: &[(&str, factlint::source::Lang, &[&str])] = &[
        ("la VIe Conférence des parties", Fr, &["#6"]),
        ("au XXIe siècle", Fr, &["#21"]),
        ("la Ve République", Fr, &["#5"]),
        ("sous François Ier", Fr, &[]),
        ("la vie de la cité", Fr, &[]),
        ("Louis XIV", Fr, &[]),
        // The article and the demonstrative opening a sentence.
        ("Le pays compte 20 millions d'électeurs.", Fr, &[]),
        ("Ce scrutin est le premier.", Fr, &["#1"]),
        ("Xe Sommet de la Francophonie", Fr, &["#10"]),
    ];
    table_in(&["ordinal"], None, ordinals);
    let dates: &[(&str, factlint::source::Lang, &[&str])] = &[
        (
            "du 28 décembre 2026 au 9 janvier 2027",
            Fr,
            &["2026-12-28 .. 2027-01-09"],
        ),
        (
            "من 28 ديسمبر 2026 إلى 9 يناير 2027",
            Ar,
            &["2026-12-28 .. 2027-01-09"],
        ),
        (
            "تنطلق يوم 28 ديسمبر 2026 وتستمر حتى 9 يناير 2027",
            Ar,
            &["2026-12-28 .. 2027-01-09"],
        ),
        (
            "from December 28, 2026 to January 9, 2027",
            En,
            &["2026-12-28 .. 2027-01-09"],
        ),
        (
            "between 3 May 2026 and 9 June 2026",
            En,
            &["2026-05-03 .. 2026-06-09"],
        ),
        (
            "on 3 May 2026 and 9 June 2026",
            En,
            &["2026-05-03", "2026-06-09"],
        ),
        (
            "le 3 mai 2026 et le 9 juin 2026",
            Fr,
            &["2026-05-03", "2026-06-09"],
        ),
    ];
    table_in(&["date"], Date::new(Some(2026), 12, 20), dates);
    let weekdays: &[(&str, factlint::source::Lang, &[&str])] = &[
        ("أعلن الأحد أن الحصيلة ارتفعت", Ar, &["Sunday"]),
        ("قالت الوزارة الاثنين، إن الوضع مستقر", Ar, &["Monday"]),
        ("فرق بين الاثنين", Ar, &[]),
        ("فاز الفريقين الاثنين", Ar, &[]),
        ("قال أحد المسؤولين", Ar, &[]),
        ("The meeting opened on Sunday", En, &["Sunday"]),
        ("La réunion s'est ouverte dimanche", Fr, &["Sunday"]),
        ("The Sunday Times reported it", En, &[]),
    ];
    table_in(&["weekday"], None, weekdays);
}

/// Ranges written with determiners, weekdays, words and a second month;
/// a month named after a preposition of time; day, month name and year
/// between separators; a yearless numeric date when which is the day is
/// plain. And the fractions, scores and verbs that are none of these.
#[test]
fn ranges_months_and_numeric_days() {
    use factlint::source::Lang::{En, Fr};
    let cases: &[(&str, factlint::source::Lang, &[&str])] = &[
        (
            "from the 13th to the 15th of July",
            En,
            &["2013-07-13 .. 2013-07-15"],
        ),
        (
            "from 13 to the 15 of July",
            En,
            &["2013-07-13 .. 2013-07-15"],
        ),
        ("July 13 thru 15", En, &["2013-07-13 .. 2013-07-15"]),
        ("Aug 8 - Aug 12", En, &["2013-08-08 .. 2013-08-12"]),
        ("May 30 to June 2", En, &["2013-05-30 .. 2013-06-02"]),
        ("february the 15th", En, &["2013-02-15"]),
        ("the third day of October", En, &["2013-10-03"]),
        (
            "du samedi 13 au dimanche 15 juillet",
            Fr,
            &["2013-07-13 .. 2013-07-15"],
        ),
        (
            "entre le 13 et le quinze juillet",
            Fr,
            &["2013-07-13 .. 2013-07-15"],
        ),
        ("du 1er au dix juillet", Fr, &["2013-07-01 .. 2013-07-10"]),
        ("13 jusqu'au 15 juillet", Fr, &["2013-07-13 .. 2013-07-15"]),
        ("le 3eme jour d'octobre", Fr, &["2013-10-03"]),
        ("31/Oct/1974", En, &["1974-10-31"]),
        ("31-Oct-74", En, &["1974-10-31"]),
        ("2014/10", En, &["2014-10"]),
        ("in March", En, &["2013-03"]),
        ("au mois de mars", Fr, &["2013-03"]),
        ("en mars", Fr, &["2013-03"]),
        ("2/15", En, &["2013-02-15"]),
        ("15/2", Fr, &["2013-02-15"]),
        ("2 / 15", En, &["2013-02-15"]),
        // None of these is a date.
        ("we may meet in may", En, &[]),
        ("March", En, &[]),
        ("from 10 to 15 people", En, &[]),
        ("3/4 of the votes", En, &[]),
        ("15/20 of the seats", En, &[]),
        ("a perfect 10/10", En, &[]),
        ("12 3/16 inches", En, &[]),
        ("sur Mars", Fr, &[]),
    ];
    table_in(&["date"], Date::new(Some(2013), 2, 12), cases);
}

/// A day without a year, across the turn of a year from the report.
#[test]
fn yearless_days_across_the_turn_of_a_year() {
    let cases: &[(&str, Option<Date>, &[&str])] = &[
        (
            "on 5 January",
            Date::new(Some(2026), 12, 30),
            &["2027-01-05"],
        ),
        (
            "du 28 décembre au 9 janvier",
            Date::new(Some(2026), 12, 20),
            &["2026-12-28 .. 2027-01-09"],
        ),
        ("يوم 28 دجنبر", Date::new(Some(2027), 1, 3), &["2026-12-28"]),
        (
            "on 3 September",
            Date::new(Some(2013), 2, 12),
            &["2013-09-03"],
        ),
    ];
    for (text, anchor, want) in cases {
        table_at("date", *anchor, &[(text, want)]);
    }
}

/// Two days before and after the report's date, in the three languages.
#[test]
fn two_days_before_and_after() {
    let anchor = Date::new(Some(2013), 2, 12);
    let cases: &[(&str, &[&str])] = &[
        ("the day before yesterday", &["2013-02-10"]),
        ("the day after tomorrow", &["2013-02-14"]),
        ("avant-hier", &["2013-02-10"]),
        ("après-demain", &["2013-02-14"]),
        ("أول أمس", &["2013-02-10"]),
        ("قبل أمس", &["2013-02-10"]),
        ("بعد غد", &["2013-02-14"]),
    ];
    table_at("date", anchor, cases);
}

/// `last`/`next` with a month name, before or after it.
#[test]
fn months_before_and_after_the_report() {
    let anchor = Date::new(Some(2025), 3, 10);
    let cases: &[(&str, &[&str])] = &[
        ("في ماي الماضي", &["2024-05"]),
        ("في فبراير الماضي", &["2025-02"]),
        ("خلال شهر يونيو المقبل", &["2025-06"]),
        ("en mai dernier", &["2024-05"]),
        ("en juin prochain", &["2025-06"]),
        ("last May", &["2024-05"]),
        ("next February", &["2026-02"]),
        ("يوم 27 ماي الماضي", &["2024-05-27"]),
    ];
    table_at("date", anchor, cases);
}

/// What the reader stops at: the doubtful stretches (their original text
/// and why), and the dates still read beside them.
fn doubts(text: &str) -> (Vec<String>, Vec<String>) {
    let set = rules::load(&RuleSource::new("t.rules", RULES)).unwrap();
    let vocab = Vocabulary::new(&set);
    let src = source::load("t.txt", text.as_bytes(), 1 << 20).unwrap();
    let ex = extract::extract(&src, Some(&set), Some(&vocab));
    let seen = ex
        .skipped
        .iter()
        .filter(|(_, a)| a.kind() == "doubtful")
        .map(|(s, a)| format!("{} = {}", &text[s.start..s.end], a.describe()))
        .collect();
    let dates = ex
        .claims
        .iter()
        .filter(|c| c.value.kind_name() == "date")
        .map(|c| c.value.normalized(Some(&set)))
        .collect();
    (seen, dates)
}

#[test]
fn days_the_calendar_lacks_hijri_dates_and_mixed_digits_are_doubtful() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        // A day past the month's end is no date, not "February 2023".
        (
            "عقد يوم 30 شباط 2023.",
            &["30 شباط 2023 = no such day, 30 February: not read as a date"],
            &[],
        ),
        (
            "It was held on April 31.",
            &["April 31 = no such day, 31 April: not read as a date"],
            &[],
        ),
        (
            "Réunion le 31 juin.",
            &["31 juin = no such day, 31 June: not read as a date"],
            &[],
        ),
        (
            "February 29, 2025 was chosen.",
            &["February 29, 2025 = no such day, 29 February: not read as a date"],
            &[],
        ),
        // Days that exist stay dates.
        ("February 29, 2024 was chosen.", &[], &["2024-02-29"]),
        ("عقد يوم 31 ماي 2025.", &[], &["2025-05-31"]),
        // Hijri dates are not dates of the common calendar.
        (
            "وصل في 15 رمضان 1445 هـ إلى المدينة.",
            &["15 رمضان 1445 هـ = a date of the Hijri calendar: not read as a date"],
            &[],
        ),
        (
            "The fast began on 1 Ramadan.",
            &["1 Ramadan = a date of the Hijri calendar: not read as a date"],
            &[],
        ),
        (
            "Le 10 mouharram 1446, la fête.",
            &["10 mouharram 1446 = a date of the Hijri calendar: not read as a date"],
            &[],
        ),
        (
            "في صفر 1446 عاد.",
            &["صفر 1446 = a date of the Hijri calendar: not read as a date"],
            &[],
        ),
        // A score, a name, a month alone: nothing doubtful.
        ("فاز الفريق 3 صفر على ضيفه.", &[], &[]),
        ("التقى رجب طيب أردوغان نظيره.", &[], &[]),
        ("During Ramadan the markets close early.", &[], &[]),
        // Two digit scripts in one number.
        (
            "حضر ١2 وفدا.",
            &["١2 = a number written in two digit scripts"],
            &[],
        ),
        ("حضر ١٢ وفدا و12 خبيرا.", &[], &[]),
    ];
    let mut failures = Vec::new();
    for (text, want_seen, want_dates) in cases {
        let (seen, dates) = doubts(text);
        if seen != *want_seen || dates != *want_dates {
            failures.push(format!(
                "{text:?}: want {want_seen:?} {want_dates:?}, got {seen:?} {dates:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
