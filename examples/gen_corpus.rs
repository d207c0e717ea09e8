//! A corpus generator for benchmarks and scale tests, deterministic by seed.
//!
//! Synthetic mode writes N reports (Arabic, English, French) about M events
//! from templates written for this project, with planted conflicts of every
//! kind (venue, ordinal, dates, counts, shares, breakdowns, weekdays), the
//! rule file that checks them (`corpus.rules`) and the list of what was
//! planted (`planted.tsv`):
//!
//!     cargo run --release --example gen_corpus -- synthetic OUT --reports 2000 --events 50 --seed 7
//!
//! Aliases mode writes a rule file with N more city aliases:
//!
//!     cargo run --release --example gen_corpus -- aliases rules/seeds.rules OUT.rules --aliases 10000
//!
//! Replicate mode copies the reports of a folder until the target size
//! (with `--file-mb N`, into files of N MB each, the reports one after the
//! other):
//!
//!     cargo run --release --example gen_corpus -- replicate ../shared/corpus/seeds OUT --mb 100
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// SplitMix64: a few lines, enough for reproducible choices; no crate of
/// the approved set generates random numbers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

struct City {
    name: &'static str,
    ar: &'static str,
    en: &'static str,
    fr: &'static str,
}

const CITIES: &[City] = &[
    City {
        name: "Rabat",
        ar: "الرباط",
        en: "Rabat",
        fr: "Rabat",
    },
    City {
        name: "Tunis",
        ar: "تونس",
        en: "Tunis",
        fr: "Tunis",
    },
    City {
        name: "Cairo",
        ar: "القاهرة",
        en: "Cairo",
        fr: "Le Caire",
    },
    City {
        name: "Amman",
        ar: "عمان",
        en: "Amman",
        fr: "Amman",
    },
    City {
        name: "Doha",
        ar: "الدوحة",
        en: "Doha",
        fr: "Doha",
    },
    City {
        name: "Algiers",
        ar: "الجزائر العاصمة",
        en: "Algiers",
        fr: "Alger",
    },
    City {
        name: "Beirut",
        ar: "بيروت",
        en: "Beirut",
        fr: "Beyrouth",
    },
    City {
        name: "Nouakchott",
        ar: "نواكشوط",
        en: "Nouakchott",
        fr: "Nouakchott",
    },
    City {
        name: "Dakar",
        ar: "داكار",
        en: "Dakar",
        fr: "Dakar",
    },
    City {
        name: "Geneva",
        ar: "جنيف",
        en: "Geneva",
        fr: "Genève",
    },
];

const EVENT_WORDS_AR: &[&str] = &[
    "النخيل",
    "الواحات",
    "الأطلس",
    "البحرين",
    "الساحل",
    "الصحراء",
    "الزيتون",
    "الأرز",
];
const EVENT_WORDS_EN: &[&str] = &[
    "Palm", "Oasis", "Atlas", "Two Seas", "Coast", "Desert", "Olive", "Cedar",
];

const MONTHS_AR: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
];
const MONTHS_EN: [&str; 12] = factlint::value::MONTH_NAMES;
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const WEEKDAYS_AR: [&str; 7] = [
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
];
const WEEKDAYS_EN: [&str; 7] = factlint::value::WEEKDAY_NAMES;
const WEEKDAYS_FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

const FILLER_AR: &[&str] = &[
    "وأكد المشاركون أهمية تبادل المعلومات بين الأجهزة المعنية في الوقت المناسب.",
    "وتناولت الجلسات التحديات التي تواجه المنطقة في مجالات الطاقة والمياه والنقل.",
    "وشدد المتدخلون على ضرورة تعزيز التنسيق بين المؤسسات الوطنية والإقليمية.",
    "وعرضت الوفود تجاربها في تدبير الأزمات وحماية البنيات التحتية الحيوية.",
    "واختتمت الأشغال بتوصيات تدعو إلى مواصلة الحوار وتوسيع مجالات الشراكة.",
];
const FILLER_EN: &[&str] = &[
    "Participants stressed the need to share information between agencies in good time.",
    "Sessions covered the challenges the region faces in energy, water and transport.",
    "Speakers called for closer coordination between national and regional institutions.",
    "Delegations presented their experience of crisis management and infrastructure protection.",
];
const FILLER_FR: &[&str] = &[
    "Les participants ont souligné l'importance d'un échange rapide d'informations.",
    "Les sessions ont porté sur les défis de la région en matière d'énergie et d'eau.",
    "Les intervenants ont appelé à une meilleure coordination entre les institutions.",
];

fn ordinal_ar(n: u32) -> String {
    const UNITS: [&str; 10] = [
        "",
        "الأول",
        "الثاني",
        "الثالث",
        "الرابع",
        "الخامس",
        "السادس",
        "السابع",
        "الثامن",
        "التاسع",
    ];
    const TENS: [&str; 10] = [
        "",
        "",
        "العشرين",
        "الثلاثين",
        "الأربعين",
        "الخمسين",
        "الستين",
        "السبعين",
        "الثمانين",
        "التسعين",
    ];
    match n {
        1..=9 => UNITS[n as usize].to_string(),
        10 => "العاشر".to_string(),
        11 => "الحادي عشر".to_string(),
        12..=19 => format!("{} عشر", UNITS[(n - 10) as usize]),
        _ if n.is_multiple_of(10) => TENS[(n / 10) as usize].to_string(),
        _ => format!(
            "{} و{}",
            if n % 10 == 1 {
                "الحادي"
            } else {
                UNITS[(n % 10) as usize]
            },
            TENS[(n / 10) as usize]
        ),
    }
}

fn ordinal_en(n: u32) -> String {
    let s = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{s}")
}

struct Event {
    id: usize,
    word: usize,
    ordinal: u32,
    city: usize,
    month: u8,
    day: u8,
    countries: u32,
}

fn weekday(year: i16, month: u8, day: u8) -> usize {
    jiff::civil::Date::new(year, month as i8, day as i8)
        .unwrap()
        .weekday()
        .to_monday_zero_offset() as usize
}

fn synthetic(out: &Path, reports: usize, events: usize, seed: u64) {
    let mut rng = Rng(seed);
    std::fs::create_dir_all(out.join("reports")).unwrap();
    let year: i16 = 2025;
    let evs: Vec<Event> = (0..events)
        .map(|id| Event {
            id,
            word: id % EVENT_WORDS_AR.len(),
            ordinal: 2 + rng.below(40) as u32,
            city: rng.below(CITIES.len()),
            month: 1 + rng.below(12) as u8,
            day: 1 + rng.below(24) as u8,
            countries: 20 + rng.below(100) as u32,
        })
        .collect();
    // The rule file.
    let mut rules = String::from("rules \"synthetic corpus\"\n\n");
    for c in CITIES {
        let _ = writeln!(
            rules,
            "city {} = \"{}\" | \"{}\" | \"{}\"",
            c.name, c.ar, c.en, c.fr
        );
    }
    rules.push_str("unit country = \"دولة\" | \"دول\" | \"country\" | \"pays\"\nunit container = \"حاوية\" | \"container\" | \"conteneur\"\n\n");
    for e in &evs {
        let ar = EVENT_WORDS_AR[e.word];
        let en = EVENT_WORDS_EN[e.word];
        let _ = write!(
            rules,
            "event forum{id} {{\n  trigger   = \"ملتقى {ar} {id}\" | \"{en} Forum {id}\" | \"Forum {en} {id}\"\n  ordinal   : ordinal   within phrase\n  venue     : city      within sentence else document\n  dates     : daterange within sentence\n  countries : count(country) within sentence\n}}\n\n",
            id = e.id + 1
        );
    }
    for e in &evs {
        for slot in ["venue", "ordinal", "dates", "countries"] {
            let _ = writeln!(rules, "agree forum{}.{slot}", e.id + 1);
        }
    }
    rules.push_str("\ncheck sum(percent) <= 100 per paragraph\ncheck weekdays\ncheck breakdowns\n");
    std::fs::write(out.join("corpus.rules"), rules).unwrap();

    let mut planted = String::from("report\tkind\tevent\n");
    for r in 0..reports {
        let e = &evs[rng.below(evs.len())];
        let lang = rng.below(10); // 6 ar, 2 en, 2 fr
        let mut ordinal = e.ordinal;
        let mut city = e.city;
        let mut day = e.day;
        let mut countries = e.countries;
        let mut shares = [40u32, 30, 15];
        let mut parts = [700u32, 300, 240];
        let mut weekday_shift = 0usize;
        let name = format!("r{r:06}.txt");
        let mut plant = |kind: &str| {
            let _ = writeln!(planted, "{name}\t{kind}\tforum{}", e.id + 1);
        };
        if rng.chance(3) {
            city = (city + 1 + rng.below(CITIES.len() - 1)) % CITIES.len();
            plant("venue");
        }
        if rng.chance(3) {
            ordinal += 1 + rng.below(5) as u32;
            plant("ordinal");
        }
        if rng.chance(3) {
            day = (day + 1).min(28);
            plant("dates");
        }
        if rng.chance(3) {
            countries = countries / 2 + 1;
            plant("countries");
        }
        if rng.chance(2) {
            shares = [60, 40, 20];
            plant("shares");
        }
        if rng.chance(2) {
            parts = [700, 300, 200];
            plant("breakdown");
        }
        if rng.chance(2) {
            weekday_shift = 1 + rng.below(6);
            plant("weekday");
        }
        let wd = (weekday(year, e.month, day) + weekday_shift) % 7;
        let c = &CITIES[city];
        let m = (e.month - 1) as usize;
        let id = e.id + 1;
        let mut text = String::new();
        let fillers = 3 + rng.below(8);
        match lang {
            0..=5 => {
                let trig = format!("ملتقى {} {id}", EVENT_WORDS_AR[e.word]);
                let _ = writeln!(
                    text,
                    "---\ndate: {year}-{:02}-{:02}\nlanguage: ar\n---",
                    e.month,
                    (day + 3).min(28)
                );
                let _ = writeln!(
                    text,
                    "احتضنت مدينة {} من {} إلى {} {} {year} أشغال الدورة {} من {trig} بمشاركة خبراء من {countries} دولة.",
                    c.ar,
                    day,
                    day + 2,
                    MONTHS_AR[m],
                    ordinal_ar(ordinal)
                );
                for _ in 0..fillers {
                    let _ = writeln!(text, "{}", rng.pick(FILLER_AR));
                }
                let _ = writeln!(
                    text,
                    "وتوزعت المساهمات بنسبة {} في المئة للقطاع العام و{} في المئة للقطاع الخاص و{} في المئة للمجتمع المدني.",
                    shares[0], shares[1], shares[2]
                );
                let _ = writeln!(
                    text,
                    "وأعلنت الجمارك حجز {} حاوية، منها {} حاوية وقود و{} حاوية سجائر و{} حاوية أقمشة.",
                    parts[0] + parts[1] + 240,
                    parts[0],
                    parts[1],
                    parts[2]
                );
                let _ = writeln!(
                    text,
                    "وافتتحت الجلسة الختامية يوم {} {} {} {year}.",
                    WEEKDAYS_AR[wd], day, MONTHS_AR[m]
                );
            }
            6 | 7 => {
                let trig = format!("{} Forum {id}", EVENT_WORDS_EN[e.word]);
                let _ = writeln!(text, "---\nlanguage: en\n---");
                let _ = writeln!(
                    text,
                    "The {} {trig} was held in {} from {} to {} {} {year}, with experts from {countries} countries.",
                    ordinal_en(ordinal),
                    c.en,
                    day,
                    day + 2,
                    MONTHS_EN[m]
                );
                for _ in 0..fillers {
                    let _ = writeln!(text, "{}", rng.pick(FILLER_EN));
                }
                let _ = writeln!(
                    text,
                    "Contributions came {} per cent from the public sector, {} per cent from business and {} per cent from civil society.",
                    shares[0], shares[1], shares[2]
                );
                let _ = writeln!(
                    text,
                    "Customs seized {} containers, of which {} held fuel, {} held cigarettes and {} held textiles.",
                    parts[0] + parts[1] + 240,
                    parts[0],
                    parts[1],
                    parts[2]
                );
                let _ = writeln!(
                    text,
                    "The closing session opened on {}, {} {day}, {year}.",
                    WEEKDAYS_EN[wd], MONTHS_EN[m]
                );
            }
            _ => {
                let trig = format!("Forum {} {id}", EVENT_WORDS_EN[e.word]);
                let _ = writeln!(text, "---\nlanguage: fr\n---");
                let _ = writeln!(
                    text,
                    "La {}e édition du {trig} s'est tenue à {} du {} au {} {} {year}, avec des experts de {countries} pays.",
                    ordinal,
                    c.fr,
                    day,
                    day + 2,
                    MONTHS_FR[m]
                );
                for _ in 0..fillers {
                    let _ = writeln!(text, "{}", rng.pick(FILLER_FR));
                }
                let _ = writeln!(
                    text,
                    "Les contributions venaient à {} pour cent du secteur public, {} pour cent des entreprises et {} pour cent de la société civile.",
                    shares[0], shares[1], shares[2]
                );
                let _ = writeln!(
                    text,
                    "La séance de clôture s'est ouverte le {} {day} {} {year}.",
                    WEEKDAYS_FR[wd], MONTHS_FR[m]
                );
            }
        }
        std::fs::write(out.join("reports").join(&name), text).unwrap();
    }
    std::fs::write(out.join("planted.tsv"), planted).unwrap();
}

/// The `.txt` files of a folder, sorted.
fn txt_files(from: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(from)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

fn replicate(from: &Path, out: &Path, mb: usize, file_mb: usize) {
    std::fs::create_dir_all(out).unwrap();
    let files = txt_files(from);
    let texts: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(p).unwrap(),
            )
        })
        .collect();
    if file_mb > 0 {
        return big_files(&texts, out, mb, file_mb);
    }
    let (mut total, mut round) = (0usize, 0usize);
    while total < mb * 1024 * 1024 {
        let dir = out.join(format!("{:05}", round / 1000));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in &texts {
            std::fs::write(dir.join(format!("{round:06}-{name}")), bytes).unwrap();
            total += bytes.len();
        }
        round += 1;
    }
    eprintln!(
        "{} reports, {:.1} MB in {}",
        round * texts.len(),
        total as f64 / 1048576.0,
        out.display()
    );
}

/// Big files of `file_mb` each: the reports written one after the other,
/// a blank line between them, until `mb` in all (the layout of a wire
/// archive exported as a few files).
fn big_files(texts: &[(String, Vec<u8>)], out: &Path, mb: usize, file_mb: usize) {
    let (mut total, mut n) = (0usize, 0usize);
    while total < mb * 1024 * 1024 {
        let mut file = Vec::with_capacity(file_mb * 1024 * 1024 + 65536);
        'fill: loop {
            for (_, bytes) in texts {
                if file.len() >= file_mb * 1024 * 1024 || total + file.len() >= mb * 1024 * 1024 {
                    break 'fill;
                }
                file.extend_from_slice(bytes);
                file.extend_from_slice(b"\n\n");
            }
        }
        total += file.len();
        std::fs::write(out.join(format!("{n:04}.txt")), &file).unwrap();
        n += 1;
    }
    eprintln!(
        "{n} files, {:.1} MB in {}",
        total as f64 / 1048576.0,
        out.display()
    );
}

/// `count` tiny reports of about `size` bytes each: the reports of `from`
/// cut into pieces at the first line end or space past `size`, written in turn,
/// 1,000 to a folder.
fn tiny(from: &Path, out: &Path, count: usize, size: usize) {
    let files = txt_files(from);
    let mut pieces: Vec<String> = Vec::new();
    for p in &files {
        let text = std::fs::read_to_string(p).unwrap();
        let mut piece = String::new();
        for ch in text.chars() {
            piece.push(ch);
            if piece.len() >= size && (ch == '\n' || ch == ' ') {
                pieces.push(std::mem::take(&mut piece));
            }
        }
        if !piece.trim().is_empty() {
            pieces.push(piece);
        }
    }
    assert!(!pieces.is_empty(), "no reports in {}", from.display());
    let mut total = 0usize;
    for i in 0..count {
        let dir = out.join(format!("{:04}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&dir).unwrap();
        }
        let piece = &pieces[i % pieces.len()];
        std::fs::write(dir.join(format!("{i:07}.txt")), piece).unwrap();
        total += piece.len();
    }
    eprintln!(
        "{count} reports, {:.1} MB in {}",
        total as f64 / 1048576.0,
        out.display()
    );
}

/// Writes the rule file FROM with a vocabulary of `aliases` more city
/// aliases (three scripts' spellings of made-up names), for the
/// big-vocabulary rows: the names are built from syllables, so none of them
/// occurs in the reports and the findings stay those of FROM.
fn aliases(from: &Path, out: &Path, aliases: usize, seed: u64) {
    const LATIN: &[&str] = &[
        "ka", "ri", "mo", "sa", "te", "lu", "na", "vo", "di", "ze", "po", "gu", "fe", "hi", "ba",
        "ro",
    ];
    const ARABIC: &[&str] = &[
        "كا", "ري", "مو", "سا", "تي", "لو", "نا", "فو", "دي", "زي", "بو", "غو", "في", "هي", "با",
        "رو",
    ];
    let rules = std::fs::read_to_string(from).unwrap();
    let mut rng = Rng(seed);
    let mut text = rules.clone();
    text.push_str("\n# Generated vocabulary: made-up cities in three scripts.\n");
    let mut written = 0;
    let mut i = 0;
    let mut used = std::collections::HashSet::new();
    while written < aliases {
        let syllables: Vec<usize> = (0..3 + rng.below(3))
            .map(|_| rng.below(LATIN.len()))
            .collect();
        if !used.insert(syllables.clone()) {
            continue;
        }
        let latin: String = syllables.iter().map(|&k| LATIN[k]).collect();
        let arabic: String = syllables.iter().map(|&k| ARABIC[k]).collect();
        let mut title = latin.clone();
        title[..1].make_ascii_uppercase();
        let each = (aliases - written).min(3);
        let names = [arabic, title.clone(), format!("{title}e")];
        let list: Vec<String> = names[..each].iter().map(|n| format!("\"{n}\"")).collect();
        writeln!(text, "city {title}{i} = {}", list.join(" | ")).unwrap();
        written += each;
        i += 1;
    }
    std::fs::write(out, text).unwrap();
    eprintln!("{aliases} aliases added in {} cities: {}", i, out.display());
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str, default: usize| -> usize {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    match args.first().map(String::as_str) {
        Some("synthetic") => {
            let out = PathBuf::from(args.get(1).expect("OUT folder"));
            synthetic(
                &out,
                flag("--reports", 1000),
                flag("--events", 20),
                flag("--seed", 1) as u64,
            );
        }
        Some("replicate") => {
            let from = PathBuf::from(args.get(1).expect("folder of reports"));
            let out = PathBuf::from(args.get(2).expect("OUT folder"));
            replicate(&from, &out, flag("--mb", 10), flag("--file-mb", 0));
        }
        Some("tiny") => {
            let from = PathBuf::from(args.get(1).expect("folder of reports"));
            let out = PathBuf::from(args.get(2).expect("OUT folder"));
            tiny(
                &from,
                &out,
                flag("--files", 1_000_000),
                flag("--bytes", 300),
            );
        }
        Some("aliases") => {
            let from = PathBuf::from(args.get(1).expect("rule file"));
            let out = PathBuf::from(args.get(2).expect("OUT rule file"));
            aliases(
                &from,
                &out,
                flag("--aliases", 10_000),
                flag("--seed", 1) as u64,
            );
        }
        _ => {
            eprintln!(
                "usage: gen_corpus synthetic OUT [--reports N] [--events M] [--seed S]\n       gen_corpus replicate FROM OUT [--mb SIZE] [--file-mb SIZE]\n       gen_corpus tiny FROM OUT [--files N] [--bytes SIZE]\n       gen_corpus aliases RULES OUT [--aliases N] [--seed S]"
            );
            std::process::exit(2);
        }
    }
}
