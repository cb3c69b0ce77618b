//! Demo data, so a new installation is not empty: a realistic team of a Spanish training centre,
//! and its clients with their contacts, interests and recent interactions. Each later module adds
//! its own records here (courses, workshops…).

use types::{OrganizationId, PersonId, UserId};

use crate::crm::fields::spanish_cif;
use crate::crm::interactions::{create_interaction, InteractionInput};
use crate::crm::organizations::{create_organization, OrganizationInput};
use crate::crm::people::{create_person, LinkInput, PersonInput};
use crate::users::{create_user, NewUser};
use crate::{Db, Error, Result};

/// The demo team: name, email, role, language.
pub const DEMO_TEAM: [(&str, &str, &str, &str); 5] = [
    ("Marta Iglesias Ortega", "marta.iglesias@aula.example", "manager", "es"),
    ("Javier Moreno Cano", "javier.moreno@aula.example", "staff", "es"),
    ("Ane Etxeberria Goikoetxea", "ane.etxeberria@aula.example", "staff", "eu"),
    ("Lucía Fernández Ruiz", "lucia.fernandez@aula.example", "reception", "es"),
    ("Peter Walsh", "peter.walsh@aula.example", "staff", "en"),
];

/// A demo client: legal name, trade name, CIF letter and number, sector, city, status, interests.
type DemoClient =
    (&'static str, &'static str, char, u32, &'static str, &'static str, &'static str, &'static [&'static str]);

const DEMO_CLIENTS: [DemoClient; 8] = [
    (
        "Talleres Urola S.L.",
        "Urola",
        'B',
        2045113,
        "Metal",
        "Azpeitia",
        "client",
        &["Prevención de riesgos", "Excel avanzado"],
    ),
    ("Ayuntamiento de Zarautz", "", 'P', 2008000, "Administración pública", "Zarautz", "client", &["Encuadernación"]),
    (
        "Construcciones Bidasoa S.A.",
        "Bidasoa",
        'A',
        2011876,
        "Construcción",
        "Irun",
        "prospect",
        &["Prevención de riesgos"],
    ),
    ("Clínica Dental Ondarreta S.L.", "Ondarreta", 'B', 7534120, "Salud", "Donostia", "lead", &["Excel avanzado"]),
    ("Asociación Cultural Arteka", "Arteka", 'G', 7501234, "Cultura", "Bilbao", "client", &["Resina", "Cerámica"]),
    ("Gráficas Deusto S.L.", "", 'B', 4812233, "Artes gráficas", "Bilbao", "lead", &["Encuadernación"]),
    ("Hotel Arrizul S.A.", "Arrizul", 'A', 2099871, "Hostelería", "Donostia", "inactive", &[]),
    (
        "Librería Txalaparta S.L.",
        "Txalaparta",
        'B',
        3155510,
        "Comercio",
        "Tafalla",
        "prospect",
        &["Encuadernación", "Resina"],
    ),
];

/// Demo contacts: first name, last name, email, phone, client index, role, job title.
const DEMO_CONTACTS: [(&str, &str, &str, &str, usize, &str, &str); 9] = [
    ("Iñaki", "Arrieta Zubia", "iarrieta@urola.example", "943 150 210", 0, "manager", "Gerente"),
    ("Maite", "Olano Etxeberria", "formacion@urola.example", "943 150 211", 0, "coordinator", "RR. HH."),
    ("José", "Martínez Peña", "jmartinez@zarautz.example", "943 005 100", 1, "manager", "Técnico de cultura"),
    ("Nerea", "Bengoetxea Lasa", "nbengoetxea@bidasoa.example", "943 630 400", 2, "coordinator", "Prevención"),
    ("Alberto", "Ruiz Gallego", "administracion@bidasoa.example", "943 630 401", 2, "billing", "Administración"),
    ("Leire", "Sarasola Igartua", "leire@ondarreta.example", "943 211 987", 3, "manager", "Directora"),
    ("Gorka", "Urrutia Alday", "gorka@arteka.example", "944 157 300", 4, "coordinator", "Programación"),
    ("Amaia", "Zabala Ortiz", "amaia@arteka.example", "", 4, "participant", ""),
    ("Begoña", "Lekue Salazar", "begona@graficasdeusto.example", "944 470 220", 5, "manager", "Gerente"),
];

/// Adds the demo records that are not there yet, users sharing `password`. Returns how many
/// records were created; running it twice creates nothing the second time.
pub async fn seed(db: &Db, password: &str) -> Result<usize> {
    let mut created = 0;
    for (name, email, role, locale) in DEMO_TEAM {
        let new = NewUser {
            email: email.into(),
            name: name.into(),
            role: role.into(),
            locale: locale.into(),
            password: password.into(),
        };
        match create_user(db, &new).await {
            Ok(_) => created += 1,
            Err(Error::Validation(f)) if f.iter().all(|f| f.issue == types::FieldIssue::EmailTaken) => {}
            Err(e) => return Err(e),
        }
    }
    created += seed_clients(db).await?;
    tracing::info!(created, "demo data seeded");
    Ok(created)
}

/// The demo clients, their contacts and a few interactions, once (only into an empty CRM).
async fn seed_clients(db: &Db) -> Result<usize> {
    let (orgs,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM organizations").fetch_one(db.pool()).await?;
    if orgs > 0 {
        return Ok(0);
    }
    let staff: Vec<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE role IN ('manager', 'staff') ORDER BY id")
        .fetch_all(db.pool())
        .await?;
    let Some(&(author,)) = staff.first() else { return Ok(0) };
    let owner = |i: usize| staff[i % staff.len()].0.to_string();
    let mut ids = Vec::new();
    for (i, (legal, trade, letter, number, sector, city, status, interests)) in DEMO_CLIENTS.iter().enumerate() {
        let org = create_organization(
            db,
            UserId(author),
            &OrganizationInput {
                legal_name: legal.to_string(),
                trade_name: trade.to_string(),
                tax_id: spanish_cif(*letter, *number),
                sector: sector.to_string(),
                city: city.to_string(),
                province: if ["Bilbao"].contains(city) {
                    "Bizkaia"
                } else if *city == "Tafalla" {
                    "Navarra"
                } else {
                    "Gipuzkoa"
                }
                .into(),
                status: status.to_string(),
                owner_id: owner(i),
                source: ["web", "referral", "fair", "campaign"][i % 4].into(),
                is_contracting: true,
                is_end_client: i % 3 != 1,
                interests: interests.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            },
            true,
        )
        .await?;
        ids.push(org.id);
    }
    let mut people: Vec<(OrganizationId, PersonId)> = Vec::new();
    for (first, last, email, phone, org, role, title) in DEMO_CONTACTS {
        let person = create_person(
            db,
            UserId(author),
            &PersonInput {
                first_name: first.into(),
                last_name: last.into(),
                email: email.into(),
                phone: phone.into(),
                ..Default::default()
            },
            Some(&LinkInput { organization_id: ids[org].0.to_string(), role: role.into(), job_title: title.into() }),
            true,
        )
        .await?;
        people.push((ids[org], person.id));
    }
    let tz = chrono_tz::Europe::Madrid;
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    let day = |offset: i64| (today + chrono::Duration::days(offset)).format("%Y-%m-%d").to_string();
    let interactions = [
        (
            0,
            "call",
            "Llamada para el plan de formación de 2027: quieren PRL para 40 operarios.",
            "proposal",
            "Enviar propuesta de PRL",
            2,
        ),
        (
            2,
            "meeting",
            "Reunión en obra con prevención. Interesados en curso de 20 h.",
            "follow_up",
            "Llamar para cerrar fechas",
            0,
        ),
        (
            3,
            "email",
            "Pedido de información sobre Excel avanzado para recepción.",
            "pending",
            "Preparar presupuesto",
            -1,
        ),
        (4, "visit", "Visita al local: taller de resina para socias en primavera.", "won", "", 0),
        (5, "whatsapp", "Sin respuesta al presupuesto de encuadernación.", "no_answer", "Volver a escribir", 5),
    ];
    for (n, (person_index, kind, text, result, next, due)) in interactions.into_iter().enumerate() {
        let (org, person) = people[person_index];
        create_interaction(
            db,
            UserId(author),
            &InteractionInput {
                organization_id: Some(org),
                person_id: Some(person),
                occurred_at: format!("{}T{:02}:30", day(-(n as i64) - 1), 9 + n),
                kind: kind.into(),
                description: text.into(),
                result: result.into(),
                next_action: next.into(),
                next_action_at: if next.is_empty() { String::new() } else { day(due) },
                create_reminder: !next.is_empty(),
            },
            tz,
        )
        .await?;
    }
    Ok(ids.len() + people.len() + 5)
}
