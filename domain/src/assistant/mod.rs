//! The assistant's grounding: the facts gathered from the database for a question (what the
//! user may see, each with a citable id such as `W12`), the check that a model's answer sticks
//! to them, and the built-in assistant that answers the common questions from the facts alone.

pub mod actions;
pub mod admin;
pub mod ask;
pub mod checker;
pub mod facts;
pub mod fallback;
pub mod history;
pub mod provider;

/// Why the built-in assistant answered. (`Answer` and this sit here, below `ask`, `history` and
/// `actions`, so that none of them needs another in a circle.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FallbackReason {
    NotConfigured,
    /// The question asked for an action: the reply is its proposal.
    Action,
    ModelFailed(provider::ProviderError),
    Rejected(checker::Rejection),
}

/// The answer shown: its text with citations, who wrote it, and the citations' links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub text: String,
    /// `None` when the model's answer passed the check; the reason otherwise.
    pub fallback: Option<FallbackReason>,
    /// (citation, link) for each fact the text cites, in order of first mention.
    pub links: Vec<(String, String)>,
    /// The model's own text when it was refused (kept for the admin page), else empty.
    pub refused_text: String,
    /// The action proposed for confirmation, if the question asked for one.
    pub action: Option<types::AssistantAction>,
}

/// What kind of record a fact is about; the built-in assistant picks facts by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactKind {
    Organization,
    Person,
    Contact,
    Interaction,
    FollowUp,
    Opportunity,
    Contract,
    Session,
    Workshop,
    Enrollment,
}

/// A value stated in a fact's text, typed: a number in an answer is supported only by a value of
/// its own kind (a count by a count, an amount by an amount), never by the digits of a date, a
/// time, a phone number or an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// How many of something (seats, interactions).
    Count(i64),
    /// An amount of money in cents.
    Money(i64),
    /// A whole percentage.
    Percent(i64),
    /// A day in the centre's zone.
    Date(chrono::NaiveDate),
    /// A time of day in the centre's zone.
    Time(chrono::NaiveTime),
    /// Text quoted as it is stored (a title, place, phone, email, file number): the digits in it
    /// support an answer only where the answer repeats the text whole.
    Text(String),
}

/// A fact's line of text written together with its typed values, so the two cannot disagree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    text: String,
    values: Vec<Value>,
}

impl Line {
    pub fn new() -> Line {
        Line::default()
    }

    /// The line's own wording (labels and separators, no figures).
    pub fn say(mut self, words: &str) -> Line {
        self.text.push_str(words);
        self
    }

    /// Stored text quoted as it is; kept as a value when it holds digits.
    pub fn quote(mut self, text: &str) -> Line {
        self.text.push_str(text);
        if text.chars().any(|c| c.is_ascii_digit()) {
            self.values.push(Value::Text(text.trim().to_string()));
        }
        self
    }

    /// A count.
    pub fn count(mut self, n: i64) -> Line {
        self.text.push_str(&n.to_string());
        self.values.push(Value::Count(n));
        self
    }

    /// An amount in cents, written in Spanish (`45,00 €`).
    pub fn money(mut self, cents: i64) -> Line {
        self.text.push_str(&types::fmt::money(types::Locale::Es, cents));
        self.values.push(Value::Money(cents));
        self
    }

    /// A whole percentage (`30 %`).
    pub fn percent(mut self, p: i64) -> Line {
        self.text.push_str(&format!("{p} %"));
        self.values.push(Value::Percent(p));
        self
    }

    /// A moment as its date and time in `tz` (`25/11/2026 18:00`).
    pub fn when(mut self, at: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> Line {
        let local = at.with_timezone(&tz);
        self.text.push_str(&local.format("%d/%m/%Y %H:%M").to_string());
        self.values.push(Value::Date(local.date_naive()));
        self.values.push(Value::Time(local.time()));
        self
    }
}

/// One fact: a citable id (`W12`), the page it links to, and a line of text with its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub cite: String,
    pub href: String,
    pub text: String,
    /// The values the text states, typed; what the checker holds an answer's numbers to.
    pub values: Vec<Value>,
    pub kind: FactKind,
    /// The record's name or title, for the built-in assistant's sentences.
    pub label: String,
    /// When it happens, if it is an event.
    pub when: Option<chrono::DateTime<chrono::Utc>>,
    /// Figures the built-in assistant reads (seats left, amount due…); never shown as such.
    pub figures: Vec<i64>,
}

impl Fact {
    /// A fact of `kind` stating `line`, citable as `cite` and linking to `href`.
    pub fn new(kind: FactKind, cite: String, href: String, line: Line) -> Fact {
        Fact {
            cite,
            href,
            text: line.text,
            values: line.values,
            kind,
            label: String::new(),
            when: None,
            figures: Vec::new(),
        }
    }

    /// The record's name or title.
    pub fn labelled(mut self, label: impl Into<String>) -> Fact {
        self.label = label.into();
        self
    }

    /// When it happens.
    pub fn at(mut self, when: Option<chrono::DateTime<chrono::Utc>>) -> Fact {
        self.when = when;
        self
    }

    /// The figures the built-in assistant reads.
    pub fn with_figures(mut self, figures: Vec<i64>) -> Fact {
        self.figures = figures;
        self
    }
}

/// The facts for one question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub items: Vec<Fact>,
}

impl Facts {
    /// Adds a fact unless one with its citation is already there.
    pub fn push(&mut self, fact: Fact) {
        if !self.items.iter().any(|f| f.cite == fact.cite) {
            self.items.push(fact);
        }
    }

    /// The fact cited as `cite`.
    pub fn get(&self, cite: &str) -> Option<&Fact> {
        self.items.iter().find(|f| f.cite == cite)
    }

    /// The facts of `kind`, in the order gathered.
    pub fn of(&self, kind: FactKind) -> impl Iterator<Item = &Fact> {
        self.items.iter().filter(move |f| f.kind == kind)
    }

    /// The facts as the model reads them: one `[id] text` per line.
    pub fn prompt_lines(&self) -> String {
        self.items.iter().map(|f| format!("[{}] {}\n", f.cite, f.text)).collect()
    }
}
