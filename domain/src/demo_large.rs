//! A large synthetic CRM for benchmarks: organizations with contacts, interactions and their
//! timeline, written with multi-row inserts in a few transactions. Deterministic for a given size.

use crate::crm::fields::spanish_cif;
use crate::text::fold;
use crate::{Db, Result};

/// How much to generate.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub organizations: usize,
    pub people: usize,
    pub interactions: usize,
}

impl Size {
    /// The set the scale targets are measured on: 100k organizations, 200k people, 1M interactions.
    pub const BENCHMARK: Size = Size { organizations: 100_000, people: 200_000, interactions: 1_000_000 };
}

const PREFIX: [&str; 12] = [
    "Talleres",
    "Construcciones",
    "Gráficas",
    "Clínica",
    "Hotel",
    "Librería",
    "Asociación",
    "Cooperativa",
    "Fundación",
    "Consultoría",
    "Academia",
    "Transportes",
];
const PLACE: [&str; 20] = [
    "Urola",
    "Bidasoa",
    "Deba",
    "Oria",
    "Zadorra",
    "Nervión",
    "Ebro",
    "Txingudi",
    "Aralar",
    "Gorbea",
    "Jaizkibel",
    "Urdaibai",
    "Añarbe",
    "Ibaizabal",
    "Leitzaran",
    "Artibai",
    "Cadagua",
    "Arga",
    "Ultzama",
    "Baztan",
];
const SUFFIX: [&str; 4] = ["S.L.", "S.A.", "S.Coop.", "S.L.U."];
const CITY: [&str; 16] = [
    "Donostia",
    "Bilbao",
    "Vitoria-Gasteiz",
    "Pamplona",
    "Irun",
    "Eibar",
    "Getxo",
    "Barakaldo",
    "Zarautz",
    "Tolosa",
    "Azpeitia",
    "Durango",
    "Logroño",
    "Santander",
    "Madrid",
    "Zaragoza",
];
const SECTOR: [&str; 8] =
    ["Metal", "Construcción", "Salud", "Hostelería", "Comercio", "Cultura", "Transporte", "Educación"];
const FIRST: [&str; 16] = [
    "Ane", "Iñaki", "Maite", "José", "Nerea", "Alberto", "Leire", "Gorka", "Amaia", "Begoña", "Jon", "María", "Unai",
    "Lucía", "Mikel", "Carmen",
];
const LAST: [&str; 16] = [
    "Arrieta",
    "Olano",
    "Martínez",
    "Bengoetxea",
    "Ruiz",
    "Sarasola",
    "Urrutia",
    "Zabala",
    "Lekue",
    "Etxeberria",
    "García",
    "Goikoetxea",
    "Iglesias",
    "Aizpurua",
    "Fernández",
    "Lasa",
];
const KIND: [&str; 6] = ["call", "meeting", "email", "whatsapp", "visit", "note"];
const RESULT: [&str; 6] = ["pending", "proposal", "won", "lost", "no_answer", "follow_up"];
const STATUS: [&str; 4] = ["lead", "prospect", "client", "inactive"];
const ROLE: [&str; 5] = ["manager", "coordinator", "participant", "billing", "other"];

/// A small deterministic generator (xorshift), so runs are repeatable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn q(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

async fn insert_rows(db: &Db, head: &str, rows: &[String]) -> Result<()> {
    for chunk in rows.chunks(500) {
        sqlx::query(&format!("{head} VALUES {}", chunk.join(","))).execute(db.pool()).await?;
    }
    Ok(())
}

/// Adds `size` synthetic records to a database that has at least one user (the owners and
/// authors). `progress` is told what was written. The first organization gets a long history
/// (a tenth of the interactions), to measure the detail page at its worst.
pub async fn seed_large(db: &Db, size: Size, progress: &dyn Fn(&str)) -> Result<()> {
    let users: Vec<(i64,)> = sqlx::query_as("SELECT id FROM users ORDER BY id").fetch_all(db.pool()).await?;
    let users: Vec<i64> = users.into_iter().map(|(id,)| id).collect();
    if users.is_empty() {
        return Err(crate::Error::Internal("seed_large needs a user".into()));
    }
    let (first_org,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(id), 0) + 1 FROM organizations").fetch_one(db.pool()).await?;
    let (first_person,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(id), 0) + 1 FROM people").fetch_one(db.pool()).await?;
    let now = crate::clock::now();
    let mut rng = Rng(0x5eed_a01a);
    let n = size.organizations.max(1);

    // Interactions first (in memory), so each organization knows its last one.
    let mut last_at = vec![0_i64; n];
    let mut interactions = Vec::with_capacity(size.interactions);
    for i in 0..size.interactions {
        let org = if i % 10 == 0 { 0 } else { rng.below(n) };
        let at = now - (rng.below(3 * 365 * 86400)) as i64;
        last_at[org] = last_at[org].max(at);
        interactions.push((org, at, rng.below(6), rng.below(6), i % 20 == 0));
    }

    let mut tx_rows = Vec::with_capacity(10_000);
    let mut events = Vec::with_capacity(10_000);
    for i in 0..n {
        let id = first_org + i as i64;
        let legal = format!("{} {} {} {}", PREFIX[i % 12], PLACE[(i / 12) % 20], i, SUFFIX[i % 4]);
        let trade = format!("{} {}", PLACE[(i / 12) % 20], i);
        let tax = spanish_cif('B', (id as u32).wrapping_mul(7) % 10_000_000);
        let city = CITY[rng.below(16)];
        let email = format!("info{id}@{}.example", fold(PLACE[(i / 12) % 20]));
        let phone = format!("9{:08}", id % 100_000_000);
        let created = now - (rng.below(5 * 365 * 86400)) as i64;
        let status = STATUS[rng.below(4)];
        let search = crate::crm::search_text(&[&legal, &trade, &email, &tax, city], &[&format!("+34{phone}")]);
        let last = if last_at[i] > 0 { last_at[i].to_string() } else { "NULL".into() };
        tx_rows.push(format!(
            "({id}, {}, {}, 'ES', {}, {}, {}, {}, '+34{phone}', {}, {}, '{status}', {created}, 1, 0, {}, {}, {}, {last}, {created}, {created})",
            q(&legal),
            q(&trade),
            q(&tax),
            q(SECTOR[rng.below(8)]),
            q(city),
            q(&email),
            q(&phone),
            users[rng.below(users.len())],
            q(&fold(&legal)),
            q(&search),
            q(&fold(city)),
        ));
        events.push(format!(
            "({id}, NULL, 'created', {created}, NULL, {id}, {})",
            q(&format!("{{\"name\":{:?}}}", legal))
        ));
        if tx_rows.len() == 10_000 || i + 1 == n {
            insert_rows(
                db,
                "INSERT INTO organizations (id, legal_name, trade_name, country, tax_id, sector, city, email, phone_norm, \
                 phone, owner_id, status, status_changed_at, is_contracting, is_end_client, sort_name, search_text, \
                 city_folded, last_interaction_at, created_at, updated_at)",
                &tx_rows,
            )
            .await?;
            insert_rows(
                db,
                "INSERT INTO timeline_events (organization_id, person_id, kind, at, actor_id, ref_id, data)",
                &events,
            )
            .await?;
            tx_rows.clear();
            events.clear();
            progress(&format!("organizations: {}", i + 1));
        }
    }

    let mut people = Vec::with_capacity(10_000);
    let mut links = Vec::with_capacity(10_000);
    for i in 0..size.people {
        let id = first_person + i as i64;
        let (f, l) = (FIRST[rng.below(16)], format!("{} {}", LAST[rng.below(16)], LAST[rng.below(16)]));
        let email = format!("{}.{id}@mail.example", fold(f));
        let phone = format!("6{:08}", id % 100_000_000);
        let name = format!("{f} {l}");
        let search = crate::crm::search_text(&[f, &l, &email], &[&format!("+34{phone}")]);
        people.push(format!(
            "({id}, {}, {}, {}, {}, '+34{phone}', {}, {}, {now}, {now})",
            q(f),
            q(&l),
            q(&email),
            q(&phone),
            q(&fold(&name)),
            q(&search)
        ));
        let org = first_org + (i % n) as i64;
        links.push(format!("({org}, {id}, {}, '', {now})", q(ROLE[i % 5])));
        if people.len() == 10_000 || i + 1 == size.people {
            insert_rows(
                db,
                "INSERT INTO people (id, first_name, last_name, email, phone, phone_norm, sort_name, search_text, created_at, updated_at)",
                &people,
            )
            .await?;
            insert_rows(
                db,
                "INSERT INTO organization_people (organization_id, person_id, role, job_title, created_at)",
                &links,
            )
            .await?;
            people.clear();
            links.clear();
            progress(&format!("people: {}", i + 1));
        }
    }

    let (first_ix,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(id), 0) + 1 FROM interactions").fetch_one(db.pool()).await?;
    let mut rows = Vec::with_capacity(10_000);
    for (i, (org, at, kind, result, follow_up)) in interactions.iter().enumerate() {
        let id = first_ix + i as i64;
        let org_id = first_org + *org as i64;
        let (next, next_at) = if *follow_up {
            ("'Llamar de nuevo'".to_string(), (now + 86400 * (i % 30) as i64).to_string())
        } else {
            ("''".into(), "NULL".into())
        };
        let text = format!("Interacción {i} sobre formación");
        rows.push(format!(
            "({id}, {org_id}, NULL, {at}, '{}', {}, '{}', {next}, {next_at}, NULL, 0, {}, {at}, {at})",
            KIND[*kind],
            q(&text),
            RESULT[*result],
            users[i % users.len()]
        ));
        events.push(format!(
            "({org_id}, NULL, 'interaction', {at}, {}, {id}, {})",
            users[i % users.len()],
            q(&format!(
                "{{\"kind\":\"{}\",\"result\":\"{}\",\"description\":\"{text}\",\"next_action\":\"\"}}",
                KIND[*kind], RESULT[*result]
            ))
        ));
        if rows.len() == 10_000 || i + 1 == interactions.len() {
            insert_rows(
                db,
                "INSERT INTO interactions (id, organization_id, person_id, occurred_at, kind, description, result, \
                 next_action, next_action_at, next_action_done_at, create_reminder, author_id, created_at, updated_at)",
                &rows,
            )
            .await?;
            insert_rows(
                db,
                "INSERT INTO timeline_events (organization_id, person_id, kind, at, actor_id, ref_id, data)",
                &events,
            )
            .await?;
            rows.clear();
            events.clear();
            progress(&format!("interactions: {}", i + 1));
        }
    }
    if db.backend() == crate::Backend::Postgres {
        // Explicit ids were written: move the identity sequences past them.
        for table in ["organizations", "people", "interactions"] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
            ))
            .execute(db.pool())
            .await?;
        }
        // Autovacuum would get there; the benchmark should not depend on when. VACUUM sets the
        // visibility map, so counts use index-only scans as on a settled database.
        sqlx::query("VACUUM ANALYZE").execute(db.pool()).await?;
    } else {
        sqlx::query("ANALYZE").execute(db.pool()).await?;
    }
    Ok(())
}
