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
    created += seed_training(db).await?;
    created += seed_pipeline(db).await?;
    created += seed_billing(db).await?;
    created += seed_products(db).await?;
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
    let today = crate::clock::today(tz);
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

/// Rooms, courses, two contracts with sessions and attendance, and three public workshops with
/// enrollments, once (only when the catalogue is empty and the demo clients exist).
async fn seed_training(db: &Db) -> Result<usize> {
    use crate::training::{attendance, contracts, courses, enrollment, rooms, sessions, workshops};
    let (courses_count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM courses").fetch_one(db.pool()).await?;
    if courses_count > 0 {
        return Ok(0);
    }
    let user = |email: &'static str| async move {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM users WHERE email = $1").bind(email).fetch_optional(db.pool()).await?;
        Ok::<_, Error>(found.map(|(id,)| UserId(id)))
    };
    let (Some(javier), Some(ane)) =
        (user("javier.moreno@aula.example").await?, user("ane.etxeberria@aula.example").await?)
    else {
        return Ok(0);
    };
    let orgs: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM organizations ORDER BY id LIMIT 3").fetch_all(db.pool()).await?;
    if orgs.len() < 3 {
        return Ok(0);
    }
    let mut created = 0;
    let mut room_ids = Vec::new();
    for (name, capacity) in [("Aula 1", "16"), ("Aula 2", "12"), ("Taller", "10")] {
        room_ids.push(rooms::save_room(db, None, name, capacity, true).await?.id);
        created += 1;
    }
    let mut course_ids = Vec::new();
    for (code, title, hours, price, modality, interest) in [
        ("PRL-20", "Prevención de riesgos laborales", "20", "45", "in_person", "PRL"),
        ("RES-01", "Resina epoxi: iniciación", "8", "55", "in_person", "Resina"),
        ("ENC-01", "Encuadernación japonesa", "6", "50", "in_person", "Encuadernación"),
        ("XLS-16", "Excel avanzado", "16", "40", "mixed", "Ofimática"),
    ] {
        let c = courses::save_course(
            db,
            None,
            &courses::CourseInput {
                code: code.into(),
                title: title.into(),
                default_hours: hours.into(),
                default_hourly_price: price.into(),
                modality: modality.into(),
                interests: vec![interest.into()],
                active: true,
                ..Default::default()
            },
        )
        .await?;
        course_ids.push(c.id);
        created += 1;
    }
    let tz = chrono_tz::Europe::Madrid;
    let today = crate::clock::today(tz);
    let day = |offset: i64| (today + chrono::Duration::days(offset)).format("%Y-%m-%d").to_string();

    // A PRL course for Talleres Urola's staff: two sessions done, one today, one next week.
    let prl = contracts::create_contract(
        db,
        javier,
        &contracts::ContractInput {
            organization_id: orgs[0].0.to_string(),
            course_id: course_ids[0].to_string(),
            state: "in_progress".into(),
            notes: "Formación obligatoria para el personal de taller.".into(),
            ..Default::default()
        },
    )
    .await?;
    let mut done = Vec::new();
    for (offset, state, start, end, trainer, room) in [
        (-7, "done", "09:00", "13:00", javier, room_ids[0]),
        (-5, "done", "09:00", "13:00", javier, room_ids[0]),
        (0, "scheduled", "16:00", "20:00", ane, room_ids[1]),
        (7, "scheduled", "09:00", "13:00", javier, room_ids[0]),
    ] {
        let s = sessions::save_session(
            db,
            javier,
            None,
            &sessions::SessionInput {
                contract_id: prl.id.to_string(),
                state: state.into(),
                date: day(offset),
                start_time: start.into(),
                end_time: end.into(),
                trainer_id: trainer.to_string(),
                room_id: room.to_string(),
                ..Default::default()
            },
            tz,
        )
        .await?;
        if state == "done" {
            done.push(s.id);
        }
        created += 1;
    }
    let contacts: Vec<(i64,)> =
        sqlx::query_as("SELECT person_id FROM organization_people WHERE organization_id = $1 ORDER BY person_id")
            .bind(orgs[0].0)
            .fetch_all(db.pool())
            .await?;
    for (i, (person,)) in contacts.iter().enumerate() {
        attendance::add_participant(db, prl.id, PersonId(*person)).await?;
        for (n, session) in done.iter().enumerate() {
            let status = if i == 1 && n == 1 { "absent" } else { "present" };
            attendance::record_attendance(db, javier, *session, PersonId(*person), status).await?;
        }
    }
    // Excel for Bidasoa: still a draft, with an undated proposal.
    let excel = contracts::create_contract(
        db,
        javier,
        &contracts::ContractInput {
            organization_id: orgs[2].0.to_string(),
            course_id: course_ids[3].to_string(),
            state: "draft".into(),
            ..Default::default()
        },
    )
    .await?;
    sessions::save_session(
        db,
        javier,
        None,
        &sessions::SessionInput { contract_id: excel.id.to_string(), state: "proposal".into(), ..Default::default() },
        tz,
    )
    .await?;
    created += 2;

    let interest = |name: &'static str| async move {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM interests WHERE name = $1").bind(name).fetch_optional(db.pool()).await?;
        Ok::<_, Error>(found.map(|(id,)| id.to_string()).unwrap_or_default())
    };
    let demo_people = [
        ("Irene", "Galarraga", "irene.galarraga@example.com"),
        ("Mikel", "Otxoa", "mikel.otxoa@example.com"),
        ("Carmen", "Vidal", "carmen.vidal@example.com"),
        ("Unai", "Larrañaga", "unai.larranaga@example.com"),
        ("Sara", "Ibarra", "sara.ibarra@example.com"),
    ];
    for (title, interest_name, offset, capacity, price, state, enrolled) in [
        ("Resina epoxi: bandejas y posavasos", "Resina", 12, "8", "45", "published", 3),
        ("Encuadernación japonesa de fin de semana", "Encuadernación", 20, "4", "60", "published", 5),
        ("Cerámica para principiantes", "", 30, "10", "70", "draft", 0),
    ] {
        let w = workshops::create_workshop(
            db,
            javier,
            &workshops::WorkshopInput {
                title: title.into(),
                interest_id: if interest_name.is_empty() { String::new() } else { interest(interest_name).await? },
                description: "Materiales incluidos. Plazas limitadas.".into(),
                starts_at: format!("{}T17:00", day(offset)),
                ends_at: format!("{}T20:00", day(offset)),
                place: "Taller".into(),
                capacity: capacity.into(),
                price: price.into(),
                state: state.into(),
                min_participants: "3".into(),
            },
            tz,
        )
        .await?;
        created += 1;
        for (first, last, email) in demo_people.iter().take(enrolled) {
            enrollment::enroll_participant(
                db,
                &enrollment::EnrollRequest {
                    workshop_id: w.id,
                    enrollee: enrollment::Enrollee::New {
                        first_name: first.to_string(),
                        last_name: last.to_string(),
                        email: email.to_string(),
                        phone: String::new(),
                    },
                    idempotency_key: None,
                    channel: enrollment::Channel::Public,
                    actor: None,
                },
            )
            .await?;
            created += 1;
        }
    }
    Ok(created)
}

/// The centre as an issuing company under Veri*Factu, an issued invoice of training hours and
/// kits to the first client (partly paid) and a draft, once (only when there is no issuer). The
/// records name the issuer as the producer of its own installation, as a self-hosted centre's do.
async fn seed_billing(db: &Db) -> Result<usize> {
    use crate::billing::{invoices, issuers};
    if !issuers::list_issuers(db).await?.is_empty() {
        return Ok(0);
    }
    let managers: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM users WHERE role = 'manager' ORDER BY id").fetch_all(db.pool()).await?;
    let Some(&(manager,)) = managers.first() else { return Ok(0) };
    let Some((client, _)) = crate::crm::organizations::names(db).await?.into_iter().next() else { return Ok(0) };
    let actor = UserId(manager);
    let issuer = issuers::save_issuer(
        db,
        actor,
        None,
        &issuers::IssuerInput {
            legal_name: "Aula Formación Donostia SL".into(),
            nif: spanish_cif('B', 2_024_001),
            address: "Paseo de Colón 12".into(),
            postal_code: "20002".into(),
            city: "Donostia".into(),
            province: "Gipuzkoa".into(),
            iban: "ES91 2100 0418 4502 0005 1332".into(),
            email: "facturas@aula.example".into(),
            regime: "verifactu".into(),
        },
    )
    .await?;
    let line = |description: &str, hours: &str, quantity: &str, price: &str, vat: &str| invoices::InvoiceLineInput {
        description: description.into(),
        hours: hours.into(),
        quantity: quantity.into(),
        unit_price: price.into(),
        discount: String::new(),
        vat: vat.into(),
        contract_id: String::new(),
    };
    let draft = |description: &str, lines: Vec<invoices::InvoiceLineInput>| invoices::DraftInput {
        issuer_id: issuer.id.to_string(),
        kind: "F1".into(),
        organization_id: client.to_string(),
        recipient_address: "Polígono Ibarrea 12\n20750 Zumaia".into(),
        description: description.into(),
        lines,
        ..Default::default()
    };
    let context = invoices::FiscalContext {
        tz: chrono_tz::Europe::Madrid,
        environment: crate::billing::verifactu::Environment::Production,
        system: crate::billing::xml::SystemInfo {
            producer_name: String::new(),
            producer_nif: String::new(),
            name: "Aula".into(),
            id: "AU".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            installation: "demo".into(),
        },
    };
    let first = invoices::create_draft(
        db,
        actor,
        &draft(
            "Curso de prevención de riesgos laborales (20 h) para el personal de planta",
            vec![
                line("PRL-20 · Prevención de riesgos (20 h)", "20", "", "60", "exempt"),
                line("Kit de seguridad por participante", "", "12", "18,50", "21"),
            ],
        ),
    )
    .await?;
    let first = invoices::issue_invoice(db, actor, first.id, &context).await?;
    let today = crate::clock::today(chrono_tz::Europe::Madrid);
    invoices::record_payment(
        db,
        actor,
        first.id,
        &invoices::PaymentInput {
            amount: "600".into(),
            method: "transfer".into(),
            paid_on: today.format("%Y-%m-%d").to_string(),
            reference: "Anticipo".into(),
        },
    )
    .await?;
    invoices::create_draft(
        db,
        actor,
        &draft(
            "Segunda edición del curso de PRL",
            vec![line("PRL-20 · Prevención de riesgos (8 h)", "8", "", "60", "exempt")],
        ),
    )
    .await?;
    Ok(3)
}

/// The studio's kits and materials, once (only into an empty catalogue): the resin kit handed out
/// at the resin workshop (one per participant), running low; a few sales and a count.
async fn seed_products(db: &Db) -> Result<usize> {
    use crate::billing::products::{
        list_products, record_stock_move, save_product, ProductInput, ProductQuery, StockMoveInput,
    };
    let all = ProductQuery { include_inactive: true, ..Default::default() };
    if !list_products(db, &all).await?.is_empty() {
        return Ok(0);
    }
    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE email = 'javier.moreno@aula.example'")
        .fetch_optional(db.pool())
        .await?;
    let Some((javier,)) = found else { return Ok(0) };
    let actor = UserId(javier);
    let resin: Option<(i64,)> = sqlx::query_as("SELECT id FROM workshops WHERE title LIKE 'Resina%' ORDER BY id")
        .fetch_optional(db.pool())
        .await?;
    let mut created = 0;
    for (sku, name, description, price, vat, threshold, stock, kit_for_resin) in [
        (
            "KIT-RESINA",
            "Kit de resina epoxi",
            "Resina, endurecedor, moldes de silicona y guantes.",
            "18,00",
            "21",
            "5",
            6,
            true,
        ),
        ("CUADERNO-A5", "Cuaderno cosido A5", "Papel de 120 g, tapa de cartón gris.", "7,44", "21", "10", 40, false),
        ("LIBRO-RESINA", "Guía práctica de resina", "Libro de 96 páginas.", "14,42", "4", "3", 12, false),
        ("DELANTAL", "Delantal de taller", "Algodón encerado, talla única.", "16,50", "21", "2", 8, false),
    ] {
        let product = save_product(
            db,
            actor,
            None,
            &ProductInput {
                sku: sku.into(),
                name: name.into(),
                description: description.into(),
                price: price.into(),
                vat: vat.into(),
                low_stock_threshold: threshold.into(),
                active: true,
                workshop_ids: resin.filter(|_| kit_for_resin).map(|(w,)| w.to_string()).into_iter().collect(),
                initial_stock: stock.to_string(),
            },
        )
        .await?;
        created += 1;
        if sku == "CUADERNO-A5" {
            for (kind, quantity, reason) in [("sold", "6", ""), ("adjusted", "-1", "Recuento: uno con la tapa rota")] {
                let input = StockMoveInput { kind: kind.into(), quantity: quantity.into(), reason: reason.into() };
                record_stock_move(db, actor, product.id, &input).await?;
            }
        }
    }
    Ok(created)
}

/// A handful of opportunities across the pipeline, once (only into an empty pipeline).
async fn seed_pipeline(db: &Db) -> Result<usize> {
    use crate::sales::opportunities::{create_opportunity, OpportunityInput};
    let (existing,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM opportunities").fetch_one(db.pool()).await?;
    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE email = 'javier.moreno@aula.example'")
        .fetch_optional(db.pool())
        .await?;
    let (Some((javier,)), 0) = (found, existing) else { return Ok(0) };
    let orgs: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM organizations ORDER BY id LIMIT 4").fetch_all(db.pool()).await?;
    let stages = crate::sales::stages::list_stages(db, false).await?;
    if orgs.is_empty() || stages.len() < 6 {
        return Ok(0);
    }
    let items = [
        ("PRL para 20 operarios", "4.800,00", 0, "web"),
        ("Carretilla elevadora: 2 grupos", "3.200,00", 0, "phone"),
        ("Excel avanzado in company", "2.150,00", 1, "referral"),
        ("Primeros auxilios 2027", "1.900,00", 2, "fair"),
        ("Plan de formación anual", "18.500,00", 3, "campaign"),
        ("Taller de resina para equipo", "900,00", 4, "web"),
    ];
    let mut created = 0;
    for (n, (title, value, stage, source)) in items.into_iter().enumerate() {
        let input = OpportunityInput {
            organization_id: orgs[n % orgs.len()].0.to_string(),
            title: title.into(),
            value: value.into(),
            stage_id: stages[stage].id.to_string(),
            source: source.into(),
            ..Default::default()
        };
        create_opportunity(db, UserId(javier), &input).await?;
        created += 1;
    }
    Ok(created)
}
