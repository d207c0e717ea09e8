//! The registry of diagnostic codes: one entry per code, with the title shown
//! in lists and the long explanation printed by `factlint explain CODE`.
//!
//! Codes are stable: once published, a code keeps its meaning. `FL1xx` are
//! rule-file syntax and lexical hazards, `FL2xx` rule-file meaning, `FL3xx`
//! report input, `FL4xx` command line and configuration, `FL9xx` internal.

pub struct CodeInfo {
    pub code: &'static str,
    pub title: &'static str,
    pub explanation: &'static str,
}

pub fn lookup(code: &str) -> Option<&'static CodeInfo> {
    let wanted = code.trim().to_ascii_uppercase();
    CODES.iter().find(|c| c.code == wanted)
}

/// The registered code nearest to a mistyped one (`FL2O7`, `F207`,
/// `fl 207`), if one is near enough.
pub fn closest(code: &str) -> Option<&'static str> {
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 3
        && let Some(c) = lookup(&format!("FL{digits}"))
    {
        return Some(c.code);
    }
    let wanted = code.trim().to_ascii_uppercase().replace('O', "0");
    let near = crate::rules::error::did_you_mean(&wanted, CODES.iter().map(|c| c.code))?;
    CODES.iter().find(|c| c.code == near).map(|c| c.code)
}

pub static CODES: &[CodeInfo] = &[
    CodeInfo {
        code: "FL100",
        title: "syntax error in a rule file",
        explanation: "The rule file does not follow the grammar of the rule language. The message says \
what was expected at the marked place, in the words of the language reference (a statement, a quoted \
alias, a slot type ...). After an error factlint skips to the next line that starts a statement, so \
every syntax error of the file is reported in one run.\n\nExample:\n\n    city Moscow = \"موسكو\" |\n\n\
ends with `|` but no alias follows it.",
    },
    CodeInfo {
        code: "FL101",
        title: "rule file is not UTF-8",
        explanation: "Rule files must be UTF-8 (a byte order mark is allowed). The message gives the byte \
offset of the first invalid sequence. Re-save the file as UTF-8 in your editor.",
    },
    CodeInfo {
        code: "FL102",
        title: "Arabic punctuation where ASCII punctuation is expected",
        explanation: "The Arabic comma `،` (U+060C) and semicolon `؛` (U+061B) are not punctuation of the \
rule language. Outside quoted aliases, write the ASCII character the language expects: `|` between \
aliases, `,` as a thousands separator in a number. Inside a quoted alias they are ordinary text.\n\n\
Example:\n\n    city Rabat = \"الرباط\" ، \"Rabat\"     # write | instead of ،",
    },
    CodeInfo {
        code: "FL103",
        title: "Arabic-Indic digits in a numeric literal",
        explanation: "Numbers, percents and dates in rule files are written with ASCII digits, so that a \
rule reads the same in every editor and diff. Reports may use any digits (٣٥, ۳۵ and 35 are the same \
number there). The help shows the literal rewritten with ASCII digits.\n\nExample:\n\n    expect meeting.ordinal == ١٣   # write 13",
    },
    CodeInfo {
        code: "FL104",
        title: "bidirectional control character outside a string",
        explanation: "Bidirectional control characters (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, \
U+061C) change the order in which text is displayed without changing what a program reads. Outside a \
quoted alias they can make a rule look different from what it does, so they are rejected. Remove them; \
inside quoted aliases they are ignored when matching.",
    },
    CodeInfo {
        code: "FL105",
        title: "rule file nests too deeply or is too complex to parse",
        explanation: "Parentheses and braces may nest at most 64 levels, and the parser stops after a fixed \
amount of work. No real rule file comes near either limit; a file that does is rejected so that no \
input can hang factlint or overflow its stack.",
    },
    CodeInfo {
        code: "FL106",
        title: "unterminated string",
        explanation: "A quoted alias or message must close with `\"` on the same line.\n\nExample:\n\n    city Moscow = \"موسكو",
    },
    CodeInfo {
        code: "FL200",
        title: "unknown slot type or vocabulary kind",
        explanation: "A slot's type must be a built-in type (`number`, `ordinal`, `date`, `daterange`, \
`weekday`, `percent`, `count(UNIT)`) or a vocabulary kind declared in the file (a kind exists once an \
entry uses it: `city Moscow = ...` declares `city`).",
    },
    CodeInfo {
        code: "FL201",
        title: "unknown name",
        explanation: "A rule compares a slot with a name that no vocabulary entry declares. Declare the \
entry, or fix the spelling (the help suggests the closest declared name).",
    },
    CodeInfo {
        code: "FL202",
        title: "unknown event",
        explanation: "`expect`, `agree` and the options of a rule refer to events declared with `event NAME { ... }`.",
    },
    CodeInfo {
        code: "FL203",
        title: "unknown slot",
        explanation: "`EVENT.SLOT` must name a slot declared inside the event block.",
    },
    CodeInfo {
        code: "FL204",
        title: "unknown unit",
        explanation: "`count(UNIT)` and `sum(UNIT)` take a name declared with `unit NAME = ...`.",
    },
    CodeInfo {
        code: "FL205",
        title: "unknown scope",
        explanation: "Scopes are `phrase`, `sentence`, `paragraph`, `document` and `source`. `per` takes \
`sentence`, `paragraph`, `document` or `source`.",
    },
    CodeInfo {
        code: "FL206",
        title: "duplicate name",
        explanation: "Two vocabulary entries, two events, or two slots of one event have the same name. \
Names identify things in rules and reports, so each must be unique in its namespace.",
    },
    CodeInfo {
        code: "FL207",
        title: "two entries claim the same alias",
        explanation: "After normalisation (no diacritics, one alef, ى→ي, ة→ه, case folded) two vocabulary \
entries share an alias, so a report mentioning it could mean either. Keep the alias on one entry.\n\n\
Example:\n\n    city Rabat = \"الرباط\"\n    org Palace = \"الرِّباط\"   # the same word once diacritics are dropped",
    },
    CodeInfo {
        code: "FL208",
        title: "type mismatch",
        explanation: "Both sides of a comparison must have compatible types: a venue (a city) compares \
with a city name, an ordinal with a number, dates with dates, percents with percents or numbers, \
counts with numbers.\n\nExample:\n\n    expect meeting.venue == 13",
    },
    CodeInfo {
        code: "FL210",
        title: "reserved word used as a name",
        explanation: "The words `rules event trigger expect agree check within else per sum count min max \
phrase sentence paragraph document source weekdays breakdowns names in unit` belong to the language and cannot \
name an entry, an event or a slot (`unit` may still start a unit declaration).",
    },
    CodeInfo {
        code: "FL211",
        title: "empty alias",
        explanation: "An alias must contain at least one letter or digit once normalised; `\"\"` or an alias \
of only diacritics would match everywhere or nowhere. A unit may also be a currency sign (`unit dollar = \"$\" | \"dollar\"`), \
which counts the figure after it (`$52 billion`).",
    },
    CodeInfo {
        code: "FL212",
        title: "count of something that is not a unit",
        explanation: "`count(X)` counts things declared with `unit X = ...` (`62 أجنبيًا` is 62 × foreigner). \
A city or a person is not counted.",
    },
    CodeInfo {
        code: "FL213",
        title: "empty event",
        explanation: "An event needs at least one trigger (where in the text it is mentioned) and one slot \
(what is read near the trigger).",
    },
    CodeInfo {
        code: "FL214",
        title: "duplicate rule id",
        explanation: "Every rule needs a distinct id: baselines and waivers refer to it. Two rules with the \
same default id (`agree meeting.venue` twice) or the same `id = \"...\"` option collide; remove one or \
give it its own id.",
    },
    CodeInfo {
        code: "FL215",
        title: "invalid literal",
        explanation: "A date that does not exist (`2025-02-30`), a range whose end comes before its start, \
or a number too large to represent.",
    },
    CodeInfo {
        code: "FL216",
        title: "invalid rule option",
        explanation: "Rule options are `id = \"...\"`, `severity = error|warning|info`, `message = \"...\"`, \
`help = \"...\"` and, for `agree` and `expect`, `tolerance = N%` (how far an approximate figure such as \
\"about 100\" may stray). Each may appear once.",
    },
    CodeInfo {
        code: "FL217",
        title: "more than one title",
        explanation: "A rule file has at most one `rules \"title\"` statement.",
    },
    CodeInfo {
        code: "FL218",
        title: "invalid function argument",
        explanation: "`sum`, `min` and `max` take `percent`, `number` or a unit; `count` takes a unit.",
    },
    CodeInfo {
        code: "FL219",
        title: "unknown scope order",
        explanation: "The fallback scope of a slot (`within sentence else document`) must be wider than \
its first scope: phrase < sentence < paragraph < document = source.",
    },
    CodeInfo {
        code: "FL220",
        title: "not a changing figure",
        explanation: "`changing` marks a figure that grows as it is updated (a toll, arrests, turnout): \
only number, percent and count slots can be changing. `check series EVENT.SLOT` reads such a slot: \
declare it `changing` first.",
    },
    CodeInfo {
        code: "FL221",
        title: "not a built-in place",
        explanation: "A vocabulary entry may leave out its aliases (`city Moscow`), or add to the built-in \
names with `+=`, only when it is a built-in place: a `city` or a `country` factlint knows by its English \
name (every ISO 3166 country, and the GeoNames cities of 15,000 inhabitants or more). `city Moscow` \
then matches موسكو, Moscow and Moscou. Of several places of one name, the entry is the one in the country \
`in` gives (`city Tripoli in Lebanon`, or `in LB`), else the one in a country the rule file declares, else the \
most populous; `in` must name a country with a place of that name. Any other entry needs its spellings, \
with `=`.\n\n\
Example:\n\n    city Moscow                         # built in\n    city Tripoli in LB                  # not the Libyan one\n    city Zorbatown = \"زوربا\" | \"Zorbatown\"",
    },
    CodeInfo {
        code: "FL222",
        title: "`in COUNTRY` on an entry with its own aliases",
        explanation: "`in COUNTRY` says which built-in place an entry is when several share its name \
(`city Tripoli in Lebanon`). An entry written with `=` keeps exactly the aliases it lists and takes no \
built-in names, so `in` has nothing to pick. Write `+=` to add aliases to the built-in names, or drop \
`in`.\n\nExample:\n\n    city Tripoli in LB = \"طرابلس\"   # `+=`, or no `in`",
    },
    CodeInfo {
        code: "FL223",
        title: "`check names` with no person declared",
        explanation: "`check names` reports words one letter from a declared person's name (a misspelling, \
or another person): it needs at least one `person` entry to compare with.\n\nExample:\n\n    \
person Bourita = \"ناصر بوريطة\" | \"بوريطة\" | \"Nasser Bourita\"\n    check names",
    },
    CodeInfo {
        code: "FL300",
        title: "report cannot be read",
        explanation: "A report path does not exist or cannot be opened. The rest of the run goes on, but the \
result cannot be trusted (exit code 2).",
    },
    CodeInfo {
        code: "FL301",
        title: "report is not valid text",
        explanation: "A report must be UTF-8 (with or without a byte order mark) or UTF-16 with a byte order \
mark. The message gives the byte offset of the first invalid sequence.",
    },
    CodeInfo {
        code: "FL302",
        title: "report looks binary",
        explanation: "The file holds NUL bytes or other control characters that text does not contain; it \
is probably not a news report (an image, an archive, a word-processor file). Export it as plain text.",
    },
    CodeInfo {
        code: "FL303",
        title: "report is empty",
        explanation: "The file has no text (or only white space). It states nothing and is left out.",
    },
    CodeInfo {
        code: "FL304",
        title: "report is too large",
        explanation: "The file is larger than the size limit (`--max-report-size`, 64 MiB by default). \
Split it, or raise the limit.",
    },
    CodeInfo {
        code: "FL305",
        title: "invalid front matter",
        explanation: "A report may start with a front-matter block between two `---` lines holding \
`key: value` lines: `title`, `outlet`, `date` (YYYY-MM-DD), `language` (ar, en or fr), `url`. The block \
was not closed, a line is not `key: value`, a key is unknown, or the date is not a real date.",
    },
    CodeInfo {
        code: "FL306",
        title: "folder cannot be read",
        explanation: "A folder named as input, or found inside one, cannot be listed (permissions, or it \
vanished during the run). Its reports were not read, so the result cannot be trusted (exit code 2).",
    },
    CodeInfo {
        code: "FL307",
        title: "link loop",
        explanation: "A symbolic link inside a report folder leads back to a folder already being read \
(`ln -s . corpus/sub/loop`). factlint does not follow it again: every report is read once, so no \
majority is inflated. A warning.",
    },
    CodeInfo {
        code: "FL308",
        title: "report named twice",
        explanation: "The same file reached twice: named twice on the command line (`x.txt ./x.txt`), as a \
file and inside a folder given too, or through a link. Inputs are a set of files (by canonical path): it \
is read and counted once. A warning.",
    },
    CodeInfo {
        code: "FL309",
        title: "not a regular file",
        explanation: "A folder holds a named pipe, a socket or a device with a `.txt` name. Reading it could \
block forever or never end, so it is skipped. Name it explicitly on the command line to read it (the \
size limit still applies).",
    },
    CodeInfo {
        code: "FL310",
        title: "report changed during the run",
        explanation: "factlint reads each report once to check it, and again only to quote the words of its \
findings. The second read found other bytes (the file was edited or replaced) or no file at all, so the \
words are not quoted: quoting the new text at the old places would show the wrong words. The findings \
stand for the report as it was; run the check again. Exit code 2.",
    },
    CodeInfo {
        code: "FL400",
        title: "no reports given",
        explanation: "`factlint check` needs at least one report file or folder.",
    },
    CodeInfo {
        code: "FL401",
        title: "rule file cannot be read",
        explanation: "The path given to `--rules` (or to `factlint rules`) does not exist or cannot be read.",
    },
    CodeInfo {
        code: "FL402",
        title: "unknown code",
        explanation: "`factlint explain` was given a code that is not in the registry. Codes look like `FL207`.",
    },
    CodeInfo {
        code: "FL403",
        title: "file not formatted",
        explanation: "`factlint rules fmt --check` found a rule file whose layout differs from the canonical \
one. Run `factlint rules fmt FILE` to rewrite it.",
    },
    CodeInfo {
        code: "FL404",
        title: "output cannot be written",
        explanation: "The rule file or output file could not be written (permissions, disk full). Nothing \
was changed: files are written to a temporary file first and then renamed.",
    },
    CodeInfo {
        code: "FL405",
        title: "invalid configuration",
        explanation: "factlint.toml (found walking up from the working directory, or named with `--config`) \
holds `rules`, `reports`, `fail-on`, `baseline` and `format`. An unknown key, a value of the wrong type \
or a format or fail-on level that does not exist is reported with the place in the file. `--isolated` \
ignores the file.",
    },
    CodeInfo {
        code: "FL406",
        title: "invalid baseline",
        explanation: "The baseline file is not valid TOML, has an unknown key, a waiver without a reason, or an \
expiry that is not a date YYYY-MM-DD. factlint stops rather than ignore it: a baseline silently \
ignored would let known findings fail, or worse, hide nothing while you think it does.",
    },
    CodeInfo {
        code: "FL407",
        title: "baseline cannot be read",
        explanation: "The baseline file given with `--baseline` (or `baseline` in factlint.toml) does not exist or \
cannot be read. Create it with `factlint baseline`.",
    },
    CodeInfo {
        code: "FL408",
        title: "stale baseline entry",
        explanation: "A `[[finding]]` of the baseline matches no finding any more: the reports were corrected, or \
the rules changed. It does no harm; `factlint baseline` rewrites the file without it.",
    },
    CodeInfo {
        code: "FL409",
        title: "unused waiver",
        explanation: "A `[[waiver]]` of the baseline matches no finding. Remove it, or check its rule id, reports and \
values: a waiver that matches nothing may be a typo that leaves a finding failing.",
    },
    CodeInfo {
        code: "FL410",
        title: "waiver expired",
        explanation: "A waiver's `expires` date has passed: the finding it covered is reported again, with the \
waiver's reason in a note. Review the finding, then renew the waiver with a new date or fix the report.",
    },
    CodeInfo {
        code: "FL411",
        title: "no sample reports for a rule file",
        explanation: "`factlint test FILE.rules` runs the reports in `FILE.tests/` (or `FILE/`) beside the rule file. \
Each states in its front matter what the rules must find in it: `expect: RULE-ID, …` (must flag it), \
`gap: RULE-ID` (a known gap), and every other rule must stay quiet on it.",
    },
    CodeInfo {
        code: "FL412",
        title: "baseline not written",
        explanation: "`factlint baseline` writes every current finding; when a report could not be read, \
what it would have found is unknown, so the file is left as it is. Fix or remove the reports named \
before the error, then run it again.",
    },
    CodeInfo {
        code: "FL413",
        title: "unknown rule in --select or --ignore",
        explanation: "`--select` and `--ignore` take rule ids (`agree.meeting.venue`, `weekday-mismatch`) \
or globs of them (`agree.*`), comma-separated or repeated. A pattern that matches no rule of the rule file \
is most likely a typo, and running without it would silently check more (or less) than meant, so the run \
stops. The message lists the rule file's ids.",
    },
    CodeInfo {
        code: "FL414",
        title: "a published review lacks a field",
        explanation: "`--format claimreview` publishes confirmed findings as schema.org ClaimReview. A \
field it should carry could not be filled: a report without `url` or `date` in its front matter (or with a \
`url` that is not http(s), which is never published), no `--review-url` for the fact-check's page, or a \
finding where no side has a majority (published as disputed, not contradicted). The review is still \
written; the warning says what a reader of it will miss.",
    },
    CodeInfo {
        code: "FL415",
        title: "output would overwrite an input",
        explanation: "`--output FILE` names the rule file, the baseline or a report the run reads, by any \
name (a link, or a hard link: the same file on disk). Writing there would destroy the input (nothing a user gave is modified or lost), so the run stops before writing. \
Name another file.",
    },
    CodeInfo {
        code: "FL416",
        title: "configuration path leaves the repository",
        explanation: "A path in factlint.toml (`rules`, `reports`, `baseline`) is absolute or climbs out of the \
configuration's folder with `..`. A configuration comes with a repository, often one cloned from elsewhere: \
it may not make factlint read (and quote in its errors) files outside it. Give such a path on the command \
line instead (`--rules`, report paths, `--baseline`), which is always honoured.",
    },
    CodeInfo {
        code: "FL417",
        title: "init would overwrite a file",
        explanation: "`factlint init FOLDER` writes its draft to `FOLDER-NAME.rules` (or `--output FILE`) and \
never over a file that exists: it may be a rule file someone wrote. Name another file, or `--output -` \
for standard output.",
    },
    CodeInfo {
        code: "FL418",
        title: "not a summary table",
        explanation: "`factlint combine` reads the tables `factlint extract --output DIR` wrote: JSON lines, a \
header first (`\"table\": \"factlint-summaries\"` and its version), then one row per input. The file named \
(or a `.jsonl` file of the folder named) cannot be read, is not UTF-8, has no such header, or has a row that is \
not a row of the table (the message gives its line): a table cut short by a full disk or an interrupted copy. \
Extract that shard again.",
    },
    CodeInfo {
        code: "FL419",
        title: "summary table of a newer version",
        explanation: "A table's version is MAJOR.MINOR. A newer minor version only adds fields and is read; a \
newer major version stores summaries in a form this factlint does not know, and reading it would give wrong \
findings, so it is refused. Combine with the factlint that extracted it, or extract again with this one.",
    },
    CodeInfo {
        code: "FL420",
        title: "summary tables that do not make one run",
        explanation: "`factlint combine` runs the rules across reports over every shard of one run, as one \
`check` would. It refuses tables extracted with another rule file (a summary names events, slots and \
entities by their place in the rule file) or other rules selected, shards of different runs (other report \
paths, another number of shards), a shard given twice, and a run with a shard missing: each would report \
findings that one `check` would not.",
    },
    CodeInfo {
        code: "FL421",
        title: "rows of the SQL that do not fit the tables",
        explanation: "`factlint combine --rows` draws the findings of `agree` and `expect` from the rows the query \
of `factlint sql` gave (JSON lines: `rule`, `finding`, `part`, `input`, `inst`, …). A row that is not JSON, names \
a rule the rule file does not have, a kind of finding there is not, an input that is no report of the tables, or \
a value its report's summary does not state, comes from another query or other tables: run the query of this \
rule file over these tables' facts again.",
    },
    CodeInfo {
        code: "FL422",
        title: "Parquet without the parquet feature",
        explanation: "Tables are written as JSON lines by every factlint, and as Parquet \
(`extract --table-format parquet`) by one built with the `parquet` cargo feature (`cargo install factlint \
--features parquet`), which adds the Arrow and Parquet crates. This factlint was built without it, so it can \
neither write nor read a Parquet table: build it with the feature, or extract as JSON lines.",
    },
    CodeInfo {
        code: "FL900",
        title: "internal error",
        explanation: "factlint reached a state its authors thought impossible. This is a bug in factlint, \
not in your input: please report it with the command line and, if you can, the inputs.",
    },
];

#[cfg(test)]
#[allow(clippy::string_slice)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_sorted() {
        for pair in CODES.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} then {}",
                pair[0].code,
                pair[1].code
            );
        }
    }

    #[test]
    fn lookup_ignores_case() {
        assert!(lookup("fl207").is_some());
        assert!(lookup("FL999").is_none());
    }
}
