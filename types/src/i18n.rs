//! Translations: every user-facing string is a `Msg`, and every `Msg` has a Spanish, a Basque and
//! an English text, so a missing translation is a compile error.

use serde::{Deserialize, Serialize};

/// A UI language. Spanish is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    #[default]
    Es,
    Eu,
    En,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::Es, Locale::Eu, Locale::En];

    /// The BCP 47 tag, as used in `lang=` and in the database.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Es => "es",
            Locale::Eu => "eu",
            Locale::En => "en",
        }
    }

    /// The language's own name for itself.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Es => "Español",
            Locale::Eu => "Euskara",
            Locale::En => "English",
        }
    }

    /// Parses a tag such as `eu` or `es-ES`; `None` for other languages.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// The first supported language in an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut langs: Vec<(f32, Locale)> = header
            .split(',')
            .filter_map(|part| {
                let mut it = part.split(';');
                let locale = Locale::parse(it.next()?)?;
                let q = it.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
                Some((q, locale))
            })
            .collect();
        langs.sort_by(|a, b| b.0.total_cmp(&a.0));
        langs.first().map(|(_, l)| *l)
    }
}

macro_rules! messages {
    (
        $($key:ident => $es:literal, $eu:literal, $en:literal;)*
        @server
        $($skey:ident => $ses:literal, $seu:literal, $sen:literal;)*
    ) => {
        /// A translatable UI string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($key,)* $($skey,)* }

        impl Msg {
            /// The text in `locale`. The server-only texts are empty in the browser's build.
            pub fn text(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $(
                        (Msg::$key, Locale::Es) => $es,
                        (Msg::$key, Locale::Eu) => $eu,
                        (Msg::$key, Locale::En) => $en,
                    )*
                    $(
                        #[cfg(not(target_arch = "wasm32"))]
                        (Msg::$skey, Locale::Es) => $ses,
                        #[cfg(not(target_arch = "wasm32"))]
                        (Msg::$skey, Locale::Eu) => $seu,
                        #[cfg(not(target_arch = "wasm32"))]
                        (Msg::$skey, Locale::En) => $sen,
                    )*
                    #[cfg(target_arch = "wasm32")]
                    _ => "",
                }
            }

            /// The texts shown only by server-rendered pages and documents, left out of the
            /// WebAssembly: no island or browser code may show them.
            pub const SERVER_ONLY: &'static [Msg] = &[$(Msg::$skey),*];

            #[cfg(test)]
            const ALL: &'static [Msg] = &[$(Msg::$key,)* $(Msg::$skey),*];
        }
    };
}

messages! {
    MailFollowUpSubject => "Recordatorio de seguimiento: {name}", "Jarraipen-oroigarria: {name}", "Follow-up reminder: {name}";
    MailSessionSubject => "Recordatorio: sesión de {name} el {date}", "Oroigarria: {name} saioa, {date}", "Reminder: {name} session on {date}";
    MailWorkshopSubject => "Recordatorio: taller {name} el {date}", "Oroigarria: {name} tailerra, {date}", "Reminder: {name} workshop on {date}";
    MailDigestSubject => "Tu resumen de Aula del {date}", "Zure Aula laburpena, {date}", "Your Aula digest for {date}";
    MailGreeting => "Hola, {name}:", "Kaixo, {name}:", "Hello {name},";
    MailFooter => "Mensaje automático de Aula.", "Aulak automatikoki bidalitako mezua.", "Automatic message from Aula.";
    MailOpen => "Abrir en Aula", "Ireki Aulan", "Open in Aula";
    MailWhen => "Cuándo", "Noiz", "When";
    MailWhere => "Dónde", "Non", "Where";
    MailClient => "Cliente", "Bezeroa", "Client";
    MailTrainer => "Formador/a", "Prestatzailea", "Trainer";
    NotifFollowUp => "Seguimiento pendiente: {name}", "Jarraipen zain: {name}", "Follow-up due: {name}";
    NotifSession => "Sesión próxima: {name}", "Hurrengo saioa: {name}", "Upcoming session: {name}";
    NotifWorkshop => "Taller próximo: {name}", "Hurrengo tailerra: {name}", "Upcoming workshop: {name}";
    NotifDigest => "Tu resumen del día", "Zure eguneko laburpena", "Your daily digest";
    DigestCounts => "{n} vencidos · {total} para hoy · {from} en las próximas 24 h · {to} leads sin próxima acción", "{n} iraungita · {total} gaur · {from} hurrengo 24 orduetan · {to} lead hurrengo ekintzarik gabe", "{n} overdue · {total} due today · {from} in the next 24 h · {to} leads without a next action";
    DigestOverdue => "Seguimientos vencidos", "Iraungitako jarraipenak", "Overdue follow-ups";
    DigestToday => "Seguimientos para hoy", "Gaurko jarraipenak", "Follow-ups due today";
    DigestUpcoming => "Sesiones y talleres en las próximas 24 h", "Saioak eta tailerrak hurrengo 24 orduetan", "Sessions and workshops in the next 24 h";
    DigestNoNextAction => "Leads sin próxima acción", "Hurrengo ekintzarik gabeko leadak", "Leads without a next action";
    NotifTitle => "Notificaciones", "Jakinarazpenak", "Notifications";
    NotifBell => "Notificaciones sin leer: {n}", "Irakurri gabeko jakinarazpenak: {n}", "Unread notifications: {n}";
    NotifEmpty => "No tienes notificaciones.", "Ez duzu jakinarazpenik.", "You have no notifications.";
    NotifMarkRead => "Marcar como leída", "Irakurritzat markatu", "Mark as read";
    NotifMarkAllRead => "Marcar todas como leídas", "Denak irakurritzat markatu", "Mark all as read";
    NotifUnreadLabel => "Sin leer", "Irakurri gabe", "Unread";
    EmailAdminTitle => "Correo y recordatorios", "Posta eta oroigarriak", "Email and reminders";
    EmailSmtpOn => "SMTP configurado: {name}", "SMTP konfiguratuta: {name}", "SMTP configured: {name}";
    EmailSmtpOff => "SMTP no está configurado: los recordatorios por correo no se envían y quedan en el registro como «sin configurar». Los avisos en la aplicación funcionan. Configura AULA_SMTP_HOST, AULA_SMTP_PORT, AULA_SMTP_USERNAME, AULA_SMTP_PASSWORD y AULA_SMTP_FROM.", "SMTP ez dago konfiguratuta: posta bidezko oroigarriak ez dira bidaltzen eta erregistroan «konfiguratu gabe» gisa geratzen dira. Aplikazioko abisuek funtzionatzen dute. Konfiguratu AULA_SMTP_HOST, AULA_SMTP_PORT, AULA_SMTP_USERNAME, AULA_SMTP_PASSWORD eta AULA_SMTP_FROM.", "SMTP is not configured: email reminders are not sent and are logged as “not configured”. In-app notifications work. Set AULA_SMTP_HOST, AULA_SMTP_PORT, AULA_SMTP_USERNAME, AULA_SMTP_PASSWORD and AULA_SMTP_FROM.";
    EmailSettings => "Cuándo se avisa", "Noiz abisatzen den", "When reminders go out";
    EmailFollowUpHour => "Hora de los seguimientos (0–23)", "Jarraipenen ordua (0–23)", "Follow-up hour (0–23)";
    EmailSessionLead => "Antelación de las sesiones (horas)", "Saioen aurrerapena (orduak)", "Session lead time (hours)";
    EmailWorkshopLead => "Antelación de los talleres (horas)", "Tailerren aurrerapena (orduak)", "Workshop lead time (hours)";
    EmailDigestHour => "Hora del resumen diario (0–23)", "Eguneko laburpenaren ordua (0–23)", "Daily digest hour (0–23)";
    EmailSettingsSaved => "Ajustes guardados; los recordatorios pendientes se han recalculado.", "Ezarpenak gordeta; zain dauden oroigarriak berriro kalkulatu dira.", "Settings saved; pending reminders were recalculated.";
    EmailQueue => "Cola de recordatorios", "Oroigarrien ilara", "Reminder queue";
    EmailQueueCounts => "{n} pendientes · {total} fallidos", "{n} zain · {total} huts eginda", "{n} pending · {total} failed";
    EmailLog => "Registro de correos", "Posta-erregistroa", "Email log";
    EmailRetry => "Reintentar", "Berriro saiatu", "Retry";
    EmailNone => "Nada por aquí.", "Ezer ez hemen.", "Nothing here.";
    ColRecipient => "Destinatario", "Hartzailea", "Recipient";
    ColSubject => "Asunto", "Gaia", "Subject";
    ColTemplate => "Plantilla", "Txantiloia", "Template";
    ColStatus => "Estado", "Egoera", "Status";
    ColError => "Error", "Errorea", "Error";
    ColWhen => "Cuándo", "Noiz", "When";
    ColAttempts => "Intentos", "Saiakerak", "Attempts";
    ColChannel => "Canal", "Kanala", "Channel";
    ColKind => "Tipo", "Mota", "Kind";
    EmailStatusSent => "Enviado", "Bidalita", "Sent";
    EmailStatusRetrying => "Reintentando", "Berriro saiatzen", "Retrying";
    EmailStatusFailed => "Fallido", "Huts egin du", "Failed";
    EmailStatusNotConfigured => "Sin configurar", "Konfiguratu gabe", "Not configured";
    ReminderPending => "Pendiente", "Zain", "Pending";
    ReminderSending => "Enviando", "Bidaltzen", "Sending";
    ReminderCancelled => "Cancelado", "Bertan behera", "Cancelled";
    ChannelInApp => "En la aplicación", "Aplikazioan", "In the app";
    ChannelEmail => "Correo", "Posta", "Email";
    KindFollowUp => "Seguimiento", "Jarraipena", "Follow-up";
    KindSession => "Sesión", "Saioa", "Session";
    KindWorkshop => "Taller", "Tailerra", "Workshop";
    KindDigest => "Resumen diario", "Eguneko laburpena", "Daily digest";
    TimelineEmail => "Correo «{name}»", "«{name}» posta", "Email “{name}”";
    FeedsTitle => "Suscripciones de calendario", "Egutegi-harpidetzak", "Calendar subscriptions";
    FeedsIntro => "Enlaces ICS para Google Calendar, Outlook o el calendario del móvil. Cada enlace lleva una clave secreta: revócalo si se comparte por error.", "ICS estekak Google Calendar, Outlook edo mugikorreko egutegirako. Esteka bakoitzak gako sekretu bat du: baliogabetu nahi gabe partekatzen bada.", "ICS links for Google Calendar, Outlook or your phone's calendar. Each link carries a secret key: revoke it if it is shared by mistake.";
    FeedsCopyNow => "Copia este enlace ahora; no se volverá a mostrar:", "Kopiatu esteka hau orain; ez da berriro erakutsiko:", "Copy this link now; it will not be shown again:";
    FeedsScope => "Qué incluye", "Zer barne hartzen duen", "What it covers";
    FeedsScopeMine => "Mi calendario", "Nire egutegia", "My calendar";
    FeedsScopeTrainer => "Un formador", "Prestatzaile bat", "A trainer";
    FeedsScopeRoom => "Un aula", "Gela bat", "A room";
    FeedsScopeOrganization => "Una organización", "Erakunde bat", "An organization";
    FeedsWhich => "Cuál", "Zein", "Which";
    FeedsCreate => "Crear enlace", "Esteka sortu", "Create link";
    FeedsRevoked => "Revocado", "Baliogabetuta", "Revoked";
    FeedsLastUsed => "Último uso: {date}", "Azken erabilera: {date}", "Last used: {date}";
    CalTitle => "Calendario", "Egutegia", "Calendar";
    CalMonth => "Mes", "Hilabetea", "Month";
    CalWeek => "Semana", "Astea", "Week";
    CalDay => "Día", "Eguna", "Day";
    CalAgenda => "Agenda", "Agenda", "Agenda";
    CalToday => "Hoy", "Gaur", "Today";
    CalPrev => "Anterior", "Aurrekoa", "Previous";
    CalNext => "Siguiente", "Hurrengoa", "Next";
    CalAllTrainers => "Todos los formadores", "Prestatzaile guztiak", "All trainers";
    CalAllRooms => "Todas las aulas", "Gela guztiak", "All rooms";
    CalAllOrganizations => "Todas las organizaciones", "Erakunde guztiak", "All organizations";
    CalHideCancelled => "Ocultar cancelados", "Ezeztatuak ezkutatu", "Hide cancelled";
    CalEmpty => "No hay eventos en este periodo.", "Ez dago gertaerarik aldi honetan.", "No events in this period.";
    CalMoved => "Movido a {date}", "{date}(e)ra eramanda", "Moved to {date}";
    CalMoveRefused => "No se ha movido: {name}", "Ez da mugitu: {name}", "Not moved: {name}";
    CalMoveHelp => "Arrastra un evento a otra hora, o pulsa Espacio sobre él y usa las flechas (←→ días, ↑↓ 30 minutos), Intro para soltar y Escape para cancelar.", "Arrastatu gertaera bat beste ordu batera, edo sakatu Zuriunea haren gainean eta erabili geziak (←→ egunak, ↑↓ 30 minutu), Sartu uzteko eta Ihes uzteko.", "Drag an event to another time, or press Space on it and use the arrows (←→ days, ↑↓ 30 minutes), Enter to drop and Escape to cancel.";
    CalPicked => "Seleccionado {name}: usa las flechas y pulsa Intro para soltar.", "{name} hautatuta: erabili geziak eta sakatu Sartu uzteko.", "Picked up {name}: use the arrows and press Enter to drop.";
    CalCancelledMove => "Movimiento cancelado.", "Mugimendua bertan behera.", "Move cancelled.";
    CalNewSession => "Nueva sesión", "Saio berria", "New session";
    CalCreateAt => "Crear sesión el {date}", "Saioa sortu {date}", "Create a session on {date}";
    CalMore => "+{n} más", "+{n} gehiago", "+{n} more";
    CalApply => "Aplicar", "Aplikatu", "Apply";
    ActionCancel2 => "Cancelar", "Utzi", "Cancel";
    FieldContract => "Contrato", "Kontratua", "Contract";
    CalCancelledTag => "cancelado", "ezeztatua", "cancelled";
    StageOpen => "Abierta", "Irekia", "Open";
    StageWon => "Ganada", "Irabazia", "Won";
    StageLost => "Perdida", "Galdua", "Lost";
    PipeTitle => "Embudo de ventas", "Salmenta-inbudoa", "Sales pipeline";
    PipeNew => "Nueva oportunidad", "Aukera berria", "New opportunity";
    PipeAllOwners => "Todos los responsables", "Arduradun guztiak", "All owners";
    PipeAllSources => "Todos los orígenes", "Jatorri guztiak", "All sources";
    PipeCount => "{n} oportunidades", "{n} aukera", "{n} opportunities";
    PipeTotal => "Total {total}", "Guztira {total}", "Total {total}";
    PipeWeighted => "Ponderado {total}", "Haztatua {total}", "Weighted {total}";
    PipeDays => "{n} días en la etapa", "{n} egun etapan", "{n} days in stage";
    PipeRotting => "Estancada", "Geldirik", "Stalled";
    PipeMore => "Ver más", "Gehiago ikusi", "Show more";
    PipeMoveHelp => "Arrastra una tarjeta a otra etapa o posición, o selecciónala con Espacio y muévela con las flechas (←→ etapas, ↑↓ posición); Intro la suelta y Escape cancela.", "Arrastatu txartel bat beste etapa edo posizio batera, edo hautatu Zuriunearekin eta mugitu geziekin (←→ etapak, ↑↓ posizioa); Sartuk uzten du eta Ihesek bertan behera uzten du.", "Drag a card to another stage or position, or select it with Space and move it with the arrows (←→ stages, ↑↓ position); Enter drops it and Escape cancels.";
    PipePicked => "Seleccionada «{name}»: usa las flechas y pulsa Intro para soltar.", "«{name}» hautatuta: erabili geziak eta sakatu Sartu uzteko.", "Picked up “{name}”: use the arrows and press Enter to drop.";
    PipeOver => "«{name}»: {to}, posición {n}", "«{name}»: {to}, {n}. posizioa", "“{name}”: {to}, position {n}";
    PipeMoved => "«{name}» movida a {to}", "«{name}» {to}(e)ra eramana", "“{name}” moved to {to}";
    PipeRefused => "No se ha movido «{name}»: {to}", "Ez da mugitu «{name}»: {to}", "“{name}” was not moved: {to}";
    PipeLostAsk => "¿Por qué se ha perdido «{name}»?", "Zergatik galdu da «{name}»?", "Why was “{name}” lost?";
    PipeEmpty => "Sin oportunidades", "Aukerarik ez", "No opportunities";
    OppTitle => "Título", "Izenburua", "Title";
    OppOrganization => "Organización", "Erakundea", "Organization";
    OppValue => "Importe (€)", "Zenbatekoa (€)", "Value (€)";
    OppExpectedClose => "Cierre previsto", "Aurreikusitako itxiera", "Expected close";
    OppStage => "Etapa", "Etapa", "Stage";
    OppProbability => "Probabilidad (%)", "Probabilitatea (%)", "Probability (%)";
    OppOwner => "Responsable", "Arduraduna", "Owner";
    OppSource => "Origen", "Jatorria", "Source";
    OppCourse => "Curso de interés", "Interesatzen den ikastaroa", "Course of interest";
    OppLostReason => "Motivo de la pérdida", "Galtzearen arrazoia", "Lost reason";
    OppSaved => "Oportunidad guardada", "Aukera gordeta", "Opportunity saved";
    TlOpportunityCreated => "Oportunidad «{name}» creada en {to}", "«{name}» aukera sortua: {to}", "Opportunity “{name}” created in {to}";
    TlOpportunityStage => "Oportunidad «{name}»: {from} → {to}", "«{name}» aukera: {from} → {to}", "Opportunity “{name}”: {from} → {to}";
    StagesTitle => "Etapas del embudo", "Inbuduaren etapak", "Pipeline stages";
    StageName => "Nombre", "Izena", "Name";
    StageProbability => "Probabilidad por defecto (%)", "Berezko probabilitatea (%)", "Default probability (%)";
    StageRotting => "Días hasta estancarse (0: nunca)", "Geldirik egoteko egunak (0: inoiz ez)", "Days until stalled (0: never)";
    StageAdd => "Añadir etapa", "Etapa gehitu", "Add stage";
    StageUp => "Subir", "Igo", "Move up";
    StageDown => "Bajar", "Jaitsi", "Move down";
    StageArchive => "Archivar", "Artxibatu", "Archive";
    StageSaved => "Etapa guardada", "Etapa gordeta", "Stage saved";
    StagesIntro => "Las etapas ganada y perdida son fijas y van al final. Solo se archiva una etapa vacía.", "Irabazitako eta galdutako etapak finkoak dira eta amaieran doaz. Etapa hutsak bakarrik artxiba daitezke.", "The won and lost stages are fixed and come last. Only an empty stage can be archived.";
    MetricsTitle => "Métricas del embudo", "Inbuduaren neurriak", "Pipeline metrics";
    MetricsFunnel => "Conversión entre etapas", "Etapen arteko bihurketa", "Conversion between stages";
    MetricsDays => "Días medios en cada etapa", "Batez besteko egunak etapa bakoitzean", "Average days in each stage";
    MetricsWinRate => "Tasa de éxito por mes", "Arrakasta-tasa hilabeteka", "Win rate by month";
    MetricsValueWon => "Importe ganado por mes", "Irabazitako zenbatekoa hilabeteka", "Value won by month";
    MetricsReached => "Llegaron → pasan a la siguiente", "Iritsi ziren → hurrengora", "Reached → go on to the next";
    ErrTemplateBraces => "Las llaves {{ }} no están emparejadas. Variables permitidas:", "{{ }} giltzak ez daude parekatuta. Baimendutako aldagaiak:", "The {{ }} braces do not pair up. Allowed variables:";
    ErrTemplateVariable => "Variable desconocida. Variables permitidas:", "Aldagai ezezaguna. Baimendutako aldagaiak:", "Unknown variable. Allowed variables:";
    ProposalDraft => "Borrador", "Zirriborroa", "Draft";
    ProposalSent => "Enviada", "Bidalia", "Sent";
    ProposalAccepted => "Aceptada", "Onartua", "Accepted";
    ProposalRejected => "Rechazada", "Baztertua", "Rejected";
    ProposalExpired => "Caducada", "Iraungia", "Expired";
    PropDocument => "Propuesta comercial", "Proposamen komertziala", "Commercial proposal";
    PropNumbered => "Propuesta n.º {n}", "{n}. proposamena", "Proposal no. {n}";
    PropNo => "N.º", "Zk.", "No.";
    PropClient => "Cliente", "Bezeroa", "Client";
    PropContact => "A la atención de", "Harremanetarako", "For the attention of";
    PropIssueDate => "Fecha", "Data", "Date";
    PropValidUntil => "Válida hasta", "Noiz arte baliozkoa", "Valid until";
    PropLineDescription => "Concepto", "Kontzeptua", "Description";
    PropLineQuantity => "Cantidad", "Kopurua", "Quantity";
    PropLinePrice => "Precio", "Prezioa", "Price";
    PropLineAmount => "Importe", "Zenbatekoa", "Amount";
    PropSubtotal => "Subtotal", "Azpitotala", "Subtotal";
    PropDiscount => "Descuento ({p})", "Deskontua ({p})", "Discount ({p})";
    PropTaxable => "Base imponible", "Zerga-oinarria", "Taxable base";
    PropVat => "IVA ({p})", "BEZ ({p})", "VAT ({p})";
    PropVatExempt => "Exenta de IVA (art. 20.Uno.9.º Ley 37/1992)", "BEZetik salbuetsia (37/1992 Legea, 20.Bat.9. art.)", "VAT exempt (art. 20.One.9, Spanish VAT Act 37/1992)";
    PropTotal => "Total", "Guztira", "Total";
    PropPage => "Página {n} de {m}", "{n}/{m} orria", "Page {n} of {m}";
    PropNew => "Nueva propuesta", "Proposamen berria", "New proposal";
    PropTemplate => "Plantilla", "Txantiloia", "Template";
    PropNoTemplate => "Sin plantilla", "Txantiloirik gabe", "No template";
    PropDiscountField => "Descuento (%)", "Deskontua (%)", "Discount (%)";
    PropVatExemptField => "Exenta de IVA (formación exenta)", "BEZetik salbuetsia (prestakuntza salbuetsia)", "VAT exempt (exempt training)";
    PropLines => "Líneas", "Lerroak", "Lines";
    PropLinesHint => "Con horas, el precio es por hora; sin horas, por unidad.", "Orduekin, prezioa orduko da; ordurik gabe, unitateko.", "With hours the price is per hour; without, per unit.";
    PropLineCourse => "Curso", "Ikastaroa", "Course";
    PropFreeLine => "— Línea libre —", "— Lerro librea —", "— Free line —";
    PropLineHours => "Horas", "Orduak", "Hours";
    PropLineUnits => "Unidades", "Unitateak", "Units";
    PropLineUnitPrice => "Precio (€)", "Prezioa (€)", "Price (€)";
    PropAddLine => "Añadir línea", "Lerroa gehitu", "Add line";
    PropRemoveLine => "Quitar línea", "Lerroa kendu", "Remove line";
    PropCreated => "Propuesta creada", "Proposamena sortuta", "Proposal created";
    PropSaved => "Propuesta guardada", "Proposamena gordeta", "Proposal saved";
    PropMarkSent => "Marcar como enviada", "Bidalitzat markatu", "Mark as sent";
    PropAccept => "Aceptada por el cliente", "Bezeroak onartua", "Accepted by the client";
    PropReject => "Rechazada por el cliente", "Bezeroak baztertua", "Rejected by the client";
    PropDownloadPdf => "Descargar PDF", "PDFa deskargatu", "Download PDF";
    PropPrint => "Imprimir", "Inprimatu", "Print";
    PropCreateContract => "Crear contratación: {course}", "Kontratazioa sortu: {course}", "Create contract: {course}";
    PropWonNote => "Propuesta aceptada: la oportunidad está ganada. Crea la contratación con el curso, las horas y el precio de la propuesta.", "Proposamena onartua: aukera irabazi da. Sortu kontratazioa proposamenaren ikastaro, ordu eta prezioarekin.", "Proposal accepted: the opportunity is won. Create the contract with the proposal's course, hours and price.";
    PropStateChanged => "Estado de la propuesta actualizado", "Proposamenaren egoera eguneratuta", "Proposal state updated";
    PropFromProposal => "Desde la propuesta n.º {n}", "{n}. proposamenetik", "From proposal no. {n}";
    OppHeading => "Oportunidad", "Aukera", "Opportunity";
    OppContact => "Contacto", "Harremana", "Contact";
    OppEdit => "Editar oportunidad", "Aukera editatu", "Edit opportunity";
    OppHistory => "Historial de etapas", "Etapen historia", "Stage history";
    OppProposals => "Propuestas", "Proposamenak", "Proposals";
    OppNoProposals => "Aún no hay propuestas.", "Oraindik ez dago proposamenik.", "No proposals yet.";
    OppCourses => "Cursos de interés", "Interesatzen diren ikastaroak", "Courses of interest";
    OppCoursesHint => "Ctrl o ⌘ para elegir varios", "Ctrl edo ⌘ bat baino gehiago aukeratzeko", "Ctrl or ⌘ to pick several";
    TplTitle => "Plantillas de propuesta", "Proposamen-txantiloiak", "Proposal templates";
    TplNew => "Nueva plantilla", "Txantiloi berria", "New template";
    TplBody => "Texto", "Testua", "Text";
    TplVariables => "Variables disponibles", "Aldagai erabilgarriak", "Available variables";
    TplSaved => "Plantilla guardada", "Txantiloia gordeta", "Template saved";
    TplEmpty => "Aún no hay plantillas.", "Oraindik ez dago txantiloirik.", "No templates yet.";
    AsstHelp => "Sin IA puedo responder: qué tienes pendiente hoy, próximas sesiones, plazas libres de un taller, quién no ha pagado, un resumen de la ficha abierta y sus contactos.", "AArik gabe hauek erantzun ditzaket: gaur egiteko duzuna, hurrengo saioak, tailer baten leku libreak, nork ez duen ordaindu, irekitako fitxaren laburpena eta bere harremanak.", "Without AI I can answer: what is pending for you today, the next sessions, seats left in a workshop, who has not paid, a summary of the record open and its contacts.";
    AsstPendingIntro => "Tienes {n} acciones pendientes para hoy:", "Gaur {n} ekintza dituzu egiteko:", "You have {n} actions pending for today:";
    AsstPendingNone => "No tienes acciones pendientes para hoy.", "Ez duzu gaur egiteko ekintzarik.", "You have nothing pending for today.";
    AsstPendingTitle => "Próximas acciones ({n}):", "Hurrengo ekintzak ({n}):", "Next actions ({n}):";
    AsstRecentTitle => "Últimas interacciones ({n}):", "Azken elkarrekintzak ({n}):", "Latest interactions ({n}):";
    AsstOpportunitiesTitle => "Oportunidades ({n}):", "Aukerak ({n}):", "Opportunities ({n}):";
    AsstEnrollmentsTitle => "Inscripciones ({n}):", "Izen-emateak ({n}):", "Enrollments ({n}):";
    AsstSessionsIntro => "Próximas sesiones ({n}):", "Hurrengo saioak ({n}):", "Next sessions ({n}):";
    AsstSessionsNone => "No hay sesiones así en las próximas dos semanas.", "Ez dago horrelako saiorik hurrengo bi asteetan.", "There are no such sessions in the next two weeks.";
    AsstSeats => "Quedan {n} plazas de {cap} en «{title}» ({date}).", "{n} leku geratzen dira «{title}» tailerrean, {cap}etik ({date}).", "{n} of {cap} seats left in “{title}” ({date}).";
    AsstSeatsNone => "No hay talleres próximos.", "Ez dago hurrengo tailerrik.", "There are no upcoming workshops.";
    AsstUnpaidIntro => "Pendientes de pago ({n}):", "Ordaintzeke ({n}):", "Not yet paid ({n}):";
    AsstUnpaidNone => "Nadie tiene pagos pendientes en los próximos talleres.", "Inork ez du ordainketarik egiteke hurrengo tailerretan.", "Nobody owes anything for the upcoming workshops.";
    AsstContactsIntro => "Contactos ({n}):", "Harremanak ({n}):", "Contacts ({n}):";
    AsstContactsNone => "No he encontrado contactos.", "Ez dut harremanik aurkitu.", "No contacts found.";
    AsstSummaryNone => "Abre la ficha de un cliente, persona, taller u oportunidad y pídeme el resumen.", "Ireki bezero, pertsona, tailer edo aukera baten fitxa eta eskatu laburpena.", "Open a client, person, workshop or opportunity and ask me for the summary.";
    AsstNoAi => "Respondido sin IA", "AArik gabe erantzuna", "Answered without AI";
    AsstTitle => "Asistente", "Laguntzailea", "Assistant";
    AsstOpen => "Abrir el asistente", "Laguntzailea ireki", "Open the assistant";
    AsstPlaceholder => "Pregunta sobre clientes, talleres, sesiones, pagos…", "Galdetu bezeroei, tailerrei, saioei, ordainketei buruz…", "Ask about clients, workshops, sessions, payments…";
    AsstAsk => "Preguntar", "Galdetu", "Ask";
    AsstStop => "Parar", "Gelditu", "Stop";
    AsstThinking => "Pensando…", "Pentsatzen…", "Thinking…";
    AsstHelpful => "Útil", "Lagungarria", "Helpful";
    AsstNotHelpful => "No útil", "Ez lagungarria", "Not helpful";
    AsstComment => "Comentario (opcional)", "Iruzkina (aukerakoa)", "Comment (optional)";
    AsstThanks => "Gracias por tu opinión", "Eskerrik asko zure iritziagatik", "Thanks for your feedback";
    AsstFailed => "No he podido responder. Inténtalo de nuevo.", "Ezin izan dut erantzun. Saiatu berriro.", "I could not answer. Please try again.";
    AsstStopped => "Respuesta detenida.", "Erantzuna geldituta.", "Reply stopped.";
    AsstAbout => "Sobre la ficha abierta", "Irekitako fitxari buruz", "About the record open";
    AsstEmpty => "Pregunta, por ejemplo: «¿qué tengo pendiente hoy?», «¿cuántas plazas quedan?», «¿quién no ha pagado?»", "Galdetu, adibidez: «Zer daukat egiteko gaur?», «Zenbat leku geratzen dira?», «Nork ez du ordaindu?»", "Ask, for example: “what is pending today?”, “how many seats are left?”, “who has not paid?”";
    ErrEmailNotConfigured => "El correo no está configurado en este centro: no se puede enviar.", "Posta ez dago konfiguratuta zentro honetan: ezin da bidali.", "Email is not configured for this centre: it cannot be sent.";
    ErrEmailNotSent => "El servidor de correo no aceptó el mensaje. Inténtalo más tarde.", "Posta zerbitzariak ez du mezua onartu. Saiatu geroago.", "The mail server did not accept the message. Try again later.";
    AsstActionNotAllowed => "Tu rol no puede hacer cambios desde el asistente.", "Zure rolak ezin du aldaketarik egin laguntzailetik.", "Your role cannot make changes from the assistant.";
    AsstActionNeedsRecord => "Abre la ficha de un cliente, una persona o una oportunidad y pídemelo allí.", "Ireki bezero, pertsona edo aukera baten fitxa eta eskatu hor.", "Open a client, person or opportunity and ask me there.";
    AsstActionNeedsOpportunity => "Para mover una oportunidad, pídemelo en su página.", "Aukera bat mugitzeko, eskatu bere orrian.", "To move an opportunity, ask me on its page.";
    AsstActionNoStage => "No sé a qué etapa moverla: nombra la etapa (por ejemplo «mueve a Propuesta»).", "Ez dakit zein etapara mugitu: esan etaparen izena.", "I do not know which stage to move it to: name the stage (for example \"move to Proposal\").";
    AsstActionNoEmail => "Este registro no tiene ningún contacto con correo electrónico.", "Erregistro honek ez du posta elektronikoa duen harremanik.", "This record has no contact with an email address.";
    AsstNextCall => "Llamar a {who}", "{who}-(r)i deitu", "Call {who}";
    AsstNextMeeting => "Reunión con {who}", "Bilera {who}-(r)ekin", "Meeting with {who}";
    AsstNextEmail => "Escribir a {who}", "{who}-(r)i idatzi", "Write to {who}";
    AsstFollowUpLogged => "Seguimiento programado desde el asistente: {what}", "Laguntzailetik programatutako jarraipena: {what}", "Follow-up scheduled from the assistant: {what}";
    AsstEmailSubject => "Seguimiento — {centre}", "Jarraipena — {centre}", "Following up — {centre}";
    AsstEmailBody => "Hola {name}:\n\nTe escribo para retomar nuestra última conversación. ¿Te viene bien que hablemos esta semana para ver los siguientes pasos?\n\nUn saludo,\n{me}\n{centre}", "Kaixo {name}:\n\nGure azken elkarrizketari jarraipena emateko idazten dizut. Aste honetan hitz egin dezakegu hurrengo urratsak ikusteko?\n\nOndo izan,\n{me}\n{centre}", "Hello {name},\n\nI am writing to pick up our last conversation. Would it suit you to talk this week about the next steps?\n\nBest regards,\n{me}\n{centre}";
    AsstProposeFollowUp => "Propongo programar este seguimiento con {who}", "Jarraipen hau programatzea proposatzen dut: {who}", "I propose scheduling this follow-up with {who}";
    AsstProposeEmail => "He preparado este borrador para {who}", "Zirriborro hau prestatu dut {who}-(r)entzat", "I have drafted this email to {who}";
    AsstProposeMove => "Propongo mover «{what}» a {stage}", "«{what}» {stage} etapara mugitzea proposatzen dut", "I propose moving \"{what}\" to {stage}";
    AsstConfirmHint => "No se guarda nada hasta que lo confirmes.", "Ez da ezer gordetzen berretsi arte.", "Nothing is saved until you confirm.";
    AsstConfirm => "Confirmar", "Berretsi", "Confirm";
    AsstSend => "Enviar", "Bidali", "Send";
    AsstDismiss => "Descartar", "Baztertu", "Dismiss";
    AsstDone => "Hecho", "Eginda", "Done";
    AsstDismissed => "Descartado", "Baztertuta", "Dismissed";
    AsstOpenResult => "Ver", "Ikusi", "View";
    AsstTo => "Para", "Nori", "To";
    AsstSubject => "Asunto", "Gaia", "Subject";
    AsstBody => "Mensaje", "Mezua", "Message";
    AsstDue => "Fecha", "Data", "Date";
    AsstNextAction => "Próxima acción", "Hurrengo ekintza", "Next action";
    AsstFieldsOrganization => "Cliente [O]: razón social, estado, sector, ciudad, responsable, número de interacciones", "Bezeroa [O]: izen soziala, egoera, sektorea, hiria, arduraduna, elkarrekintza kopurua", "Client [O]: legal name, status, sector, city, owner, number of interactions";
    AsstFieldsPerson => "Persona [P]: nombre, correo, teléfono, ciudad u organizaciones", "Pertsona [P]: izena, posta, telefonoa, hiria edo erakundeak", "Person [P]: name, email, phone, city or organizations";
    AsstFieldsContact => "Contacto [P]: nombre, organización, rol, cargo, correo, teléfono", "Harremana [P]: izena, erakundea, rola, kargua, posta, telefonoa", "Contact [P]: name, organization, role, job title, email, phone";
    AsstFieldsInteraction => "Interacción [I]: canal, fecha, descripción, resultado; próxima acción con su fecha", "Elkarrekintza [I]: kanala, data, deskribapena, emaitza; hurrengo ekintza eta bere data", "Interaction [I]: channel, date, description, result; next action with its date";
    AsstFieldsOpportunity => "Oportunidad [D]: título, cliente, importe, probabilidad, responsable", "Aukera [D]: izenburua, bezeroa, zenbatekoa, probabilitatea, arduraduna", "Opportunity [D]: title, client, value, probability, owner";
    AsstFieldsSession => "Sesión [S]: curso, cliente, fecha y hora, formador, lugar, expediente", "Saioa [S]: ikastaroa, bezeroa, data eta ordua, prestatzailea, lekua, espedientea", "Session [S]: course, client, date and time, trainer, place, file number";
    AsstFieldsWorkshop => "Taller [W]: título, fecha, lugar, plazas, confirmadas, libres, en espera, precio, estado", "Tailerra [W]: izenburua, data, lekua, lekuak, berretsiak, libreak, itxaron zerrendan, prezioa, egoera", "Workshop [W]: title, date, place, seats, confirmed, free, waitlisted, price, state";
    AsstFieldsEnrollment => "Inscripción [E]: participante, taller, fecha, estado, pago, pagado, pendiente", "Izen-ematea [E]: parte-hartzailea, tailerra, data, egoera, ordainketa, ordaindua, zorra", "Enrollment [E]: participant, workshop, date, state, payment, paid, due";
    AsstAdminTitle => "Asistente", "Laguntzailea", "Assistant";
    AsstAdminProvider => "Modelo", "Eredua", "Model";
    AsstAdminNotConfigured => "No hay modelo configurado (AULA_AI_BASE_URL y AULA_AI_MODEL): responde el asistente integrado, sin IA.", "Ez dago eredurik konfiguratuta (AULA_AI_BASE_URL eta AULA_AI_MODEL): laguntzaile integratuak erantzuten du, AArik gabe.", "No model is configured (AULA_AI_BASE_URL and AULA_AI_MODEL): the built-in assistant answers, without AI.";
    AsstAdminEndpoint => "Dirección", "Helbidea", "Endpoint";
    AsstAdminTimeout => "Tiempo de espera", "Itxaronaldia", "Timeout";
    AsstAdminKey => "Clave de API", "API gakoa", "API key";
    AsstAdminKeySet => "configurada (no se muestra)", "konfiguratuta (ez da erakusten)", "set (not shown)";
    AsstAdminKeyUnset => "sin clave", "gakorik gabe", "none";
    AsstAdminReachable => "Responde: lista {n} modelos.", "Erantzuten du: {n} eredu zerrendatzen ditu.", "Reachable: it lists {n} models.";
    AsstAdminUnreachable => "No responde ({reason}). Mientras tanto responde el asistente integrado.", "Ez du erantzuten ({reason}). Bitartean laguntzaile integratuak erantzuten du.", "Not reachable ({reason}). Meanwhile the built-in assistant answers.";
    AsstAdminSent => "Qué se envía al modelo", "Zer bidaltzen zaion ereduari", "What is sent to the model";
    AsstAdminSentHelp => "Cada pregunta envía este cuerpo JSON a la dirección de arriba (la clave va solo en la cabecera Authorization). Los datos son los que el usuario puede ver según su rol, con estos campos:", "Galdera bakoitzak JSON gorputz hau bidaltzen du goiko helbidera (gakoa Authorization goiburuan bakarrik). Datuak erabiltzaileak bere rolaren arabera ikus ditzakeenak dira, eremu hauekin:", "Each question sends this JSON body to the endpoint above (the key travels only in the Authorization header). The facts are what the user may see in their role, with these fields:";
    AsstAdminSample => "Ejemplo: una pregunta tuya sin ficha abierta", "Adibidea: zure galdera bat fitxarik ireki gabe", "Example: a question of yours with no record open";
    AsstAdminUsage => "Uso", "Erabilera", "Usage";
    AsstAdminQuestions => "Preguntas", "Galderak", "Questions";
    AsstAdminByModel => "Con IA", "AArekin", "With AI";
    AsstAdminWithout => "Sin IA", "AArik gabe", "Without AI";
    AsstAdminUsers => "Usuarios", "Erabiltzaileak", "Users";
    AsstAdminReasons => "Por qué respondió el asistente integrado", "Zergatik erantzun zuen laguntzaile integratuak", "Why the built-in assistant answered";
    AsstAdminDisliked => "Respuestas marcadas como no útiles", "Ez-baliagarritzat markatutako erantzunak", "Answers marked not helpful";
    AsstAdminNoDisliked => "Ninguna respuesta marcada como no útil en este periodo.", "Ez dago ez-baliagarritzat markatutako erantzunik aldi honetan.", "No answer was marked not helpful in this period.";
    AsstAdminDays => "Últimos {n} días", "Azken {n} egunak", "Last {n} days";
    AsstReasonNotConfigured => "sin modelo", "eredurik gabe", "no model";
    AsstReasonAction => "acción propuesta", "proposatutako ekintza", "action proposed";
    AsstReasonTimeout => "tiempo agotado", "denbora agortuta", "timeout";
    AsstReasonErrorStatus => "error del modelo", "ereduaren errorea", "model error";
    AsstReasonMalformed => "respuesta ilegible", "erantzun irakurgaitza", "unreadable reply";
    AsstReasonUnreachable => "sin conexión", "konexiorik gabe", "unreachable";
    AsstReasonRejected => "rechazada por el verificador", "egiaztatzaileak baztertua", "refused by the checker";
    AsstSampleQuestion => "¿Qué tengo pendiente hoy?", "Zer daukat egiteko gaur?", "What is pending for me today?";
    AppTagline => "Gestión de formación y talleres", "Prestakuntza eta tailerren kudeaketa", "Training and workshop management";
    NavDashboard => "Inicio", "Hasiera", "Dashboard";
    NavUsers => "Usuarios", "Erabiltzaileak", "Users";
    NavRoles => "Roles y permisos", "Rolak eta baimenak", "Roles and permissions";
    RolesTitle => "Roles y permisos", "Rolak eta baimenak", "Roles and permissions";
    RolesIntro => "Qué puede hacer cada rol, módulo a módulo. Los cuatro roles predefinidos se pueden ajustar; crea otros (por ejemplo, «Formador/a») y marca sus permisos.", "Rol bakoitzak zer egin dezakeen, moduluz modulu. Aurrez zehaztutako lau rolak doi daitezke; sortu beste batzuk (adibidez, «Prestatzailea») eta markatu haien baimenak.", "What each role may do, module by module. The four built-in roles can be adjusted; create others (say, \"Trainer\") and tick their permissions.";
    RolesUsers => "{n} usuarios", "{n} erabiltzaile", "{n} users";
    RolesBuiltin => "Predefinido", "Aurrez zehaztua", "Built-in";
    RolesCustom => "Personalizado", "Pertsonalizatua", "Custom";
    RolesNew => "Nuevo rol", "Rol berria", "New role";
    RolesCopyFrom => "Empezar con los permisos de", "Hauen baimenekin hasi", "Start with the permissions of";
    RolesStartEmpty => "Ninguno (sin permisos)", "Bat ere ez (baimenik gabe)", "None (no permissions)";
    RolesCreate => "Crear rol", "Rola sortu", "Create role";
    RolesCreated => "Rol creado.", "Rola sortu da.", "Role created.";
    RolesSaved => "Permisos guardados.", "Baimenak gorde dira.", "Permissions saved.";
    RolesReset => "Volver a los permisos predefinidos", "Aurrez zehaztutako baimenetara itzuli", "Back to the built-in permissions";
    RolesDelete => "Borrar rol", "Rola ezabatu", "Delete role";
    RolesDeleted => "Rol borrado.", "Rola ezabatu da.", "Role deleted.";
    RolesModule => "Módulo", "Modulua", "Module";
    NavAccount => "Mi cuenta", "Nire kontua", "My account";
    NavSignOut => "Cerrar sesión", "Saioa itxi", "Sign out";
    NavMenu => "Menú", "Menua", "Menu";
    NavLanguage => "Idioma", "Hizkuntza", "Language";
    NavMain => "Navegación principal", "Nabigazio nagusia", "Main navigation";
    NavGroupSales => "Ventas", "Salmentak", "Sales";
    NavGroupTraining => "Formación", "Prestakuntza", "Training";
    NavGroupReception => "Recepción", "Harrera", "Reception";
    NavGroupBilling => "Facturación", "Fakturazioa", "Billing";
    NavGroupMarketing => "Marketing", "Marketina", "Marketing";
    NavGroupSupport => "Soporte", "Laguntza", "Support";
    NavGroupReports => "Informes", "Txostenak", "Reports";
    NavGroupAdmin => "Administración", "Administrazioa", "Administration";
    NavCollapse => "Contraer el menú", "Menua tolestu", "Collapse the menu";
    NavExpand => "Desplegar el menú", "Menua zabaldu", "Expand the menu";
    NavOpen => "Abrir el menú", "Menua ireki", "Open the menu";
    SearchOpen => "Buscar o ir a…", "Bilatu edo joan…", "Search or go to…";
    SearchPlaceholder => "Página, cliente, persona, taller u oportunidad", "Orria, bezeroa, pertsona, tailerra edo aukera", "Page, client, person, workshop or opportunity";
    SearchPages => "Páginas", "Orriak", "Pages";
    SearchRecords => "Registros", "Erregistroak", "Records";
    SearchNothing => "Nada coincide con «{q}».", "Ezer ez dator bat «{q}»-rekin.", "Nothing matches “{q}”.";
    SearchSearching => "Buscando…", "Bilatzen…", "Searching…";
    SearchHint => "↑↓ para moverte, Intro para abrir, Esc para cerrar", "↑↓ mugitzeko, Sartu irekitzeko, Esc ixteko", "↑↓ to move, Enter to open, Esc to close";
    SearchKindClient => "Cliente", "Bezeroa", "Client";
    SearchKindPerson => "Persona", "Pertsona", "Person";
    SearchKindWorkshop => "Taller", "Tailerra", "Workshop";
    SearchKindOpportunity => "Oportunidad", "Aukera", "Opportunity";

    LoginTitle => "Iniciar sesión", "Saioa hasi", "Sign in";
    LoginIntro => "Entra con tu email y tu contraseña.", "Sartu zure emailarekin eta pasahitzarekin.", "Sign in with your email and password.";
    LoginSubmit => "Entrar", "Sartu", "Sign in";
    LoginFailed => "Email o contraseña incorrectos.", "Emaila edo pasahitza okerra da.", "Wrong email or password.";
    LoginSignedOut => "Has cerrado la sesión.", "Saioa itxi duzu.", "You have signed out.";
    LoginExpired => "Tu sesión ha caducado. Vuelve a entrar.", "Zure saioa iraungi da. Sartu berriro.", "Your session has expired. Please sign in again.";

    FieldEmail => "Email", "Emaila", "Email";
    FieldPassword => "Contraseña", "Pasahitza", "Password";
    FieldName => "Nombre", "Izena", "Name";
    FieldRole => "Rol", "Rola", "Role";
    FieldLanguage => "Idioma", "Hizkuntza", "Language";
    FieldCurrentPassword => "Contraseña actual", "Egungo pasahitza", "Current password";
    FieldNewPassword => "Contraseña nueva", "Pasahitz berria", "New password";
    FieldConfirmPassword => "Repite la contraseña", "Errepikatu pasahitza", "Repeat the password";
    FieldStatus => "Estado", "Egoera", "Status";
    FieldLastLogin => "Último acceso", "Azken sarbidea", "Last sign-in";
    FieldCreated => "Alta", "Alta", "Created";

    RoleAdmin => "Administración", "Administrazioa", "Administrator";
    RoleManager => "Dirección", "Zuzendaritza", "Manager";
    RoleStaff => "Equipo", "Taldea", "Staff";
    RoleReception => "Recepción", "Harrera", "Reception";

    ModCrm => "Clientes", "Bezeroak", "Clients";
    ModTraining => "Formación", "Prestakuntza", "Training";
    ModWorkshops => "Talleres", "Tailerrak", "Workshops";
    ModReception => "Recepción", "Harrera", "Reception";
    ModPipeline => "Oportunidades", "Aukerak", "Pipeline";
    ModProposals => "Propuestas", "Proposamenak", "Proposals";
    ModCalendar => "Calendario y avisos", "Egutegia eta abisuak", "Calendar and reminders";
    ModAssistant => "Asistente", "Laguntzailea", "Assistant";
    ModBilling => "Facturación", "Fakturazioa", "Billing";
    ModProducts => "Productos", "Produktuak", "Products";
    ModAutomations => "Automatizaciones", "Automatizazioak", "Automations";
    ModDesk => "Atención al cliente", "Bezeroarentzako arreta", "Service desk";
    ModCampaigns => "Campañas", "Kanpainak", "Campaigns";
    ModReports => "Informes", "Txostenak", "Reports";
    ModAdmin => "Administración", "Administrazioa", "Administration";
    ActView => "Ver", "Ikusi", "View";
    ActCreate => "Crear", "Sortu", "Create";
    ActEdit => "Editar", "Editatu", "Edit";
    ActDelete => "Borrar", "Ezabatu", "Delete";
    ActExport => "Exportar", "Esportatu", "Export";
    ActConfigure => "Configurar", "Konfiguratu", "Configure";
    RolesOwnOnly => "Solo los suyos", "Bereak soilik", "Own only";
    RolesOwnHint => "«Solo los suyos» limita el módulo a lo asignado a cada persona: las sesiones que imparte (formación, recepción, calendario) o las oportunidades de las que es responsable (embudo, propuestas).", "«Bereak soilik» aukerak modulua pertsona bakoitzari esleitutakora mugatzen du: ematen dituen saioak (prestakuntza, harrera, egutegia) edo bere ardurapeko aukerak (salmenta-inbudoa, proposamenak).", "“Own only” limits the module to what is assigned to each person: the sessions they train (training, reception, calendar) or the opportunities they own (pipeline, proposals).";

    DashGreeting => "Hola, {name}", "Kaixo, {name}", "Hello, {name}";
    DashToday => "Hoy", "Gaur", "Today";
    DashYourRole => "Tu rol", "Zure rola", "Your role";
    DashActiveUsers => "Usuarios activos", "Erabiltzaile aktiboak", "Active users";
    DashSessions => "Sesiones abiertas", "Saio irekiak", "Open sessions";
    DashSystem => "Sistema", "Sistema", "System";
    DashDatabase => "Base de datos", "Datu-basea", "Database";
    DashVersion => "Versión", "Bertsioa", "Version";
    DashTimeZone => "Zona horaria", "Ordu-eremua", "Time zone";
    DashShortcuts => "Accesos directos", "Lasterbideak", "Shortcuts";
    DashManageUsers => "Gestionar usuarios y roles", "Erabiltzaileak eta rolak kudeatu", "Manage users and roles";
    DashEditAccount => "Cambiar contraseña o idioma", "Pasahitza edo hizkuntza aldatu", "Change password or language";

    UsersTitle => "Usuarios", "Erabiltzaileak", "Users";
    UsersIntro => "Quién puede entrar en Aula y qué puede hacer.", "Nork sar daiteke Aulan eta zer egin dezake.", "Who can sign in to Aula and what they may do.";
    UsersNew => "Nuevo usuario", "Erabiltzaile berria", "New user";
    UsersCreate => "Crear usuario", "Erabiltzailea sortu", "Create user";
    UsersCreated => "Usuario creado.", "Erabiltzailea sortu da.", "User created.";
    UsersUpdated => "Usuario actualizado.", "Erabiltzailea eguneratu da.", "User updated.";
    UsersResetPassword => "Nueva contraseña", "Pasahitz berria", "New password";
    UsersReset => "Restablecer", "Berrezarri", "Reset";
    UsersPasswordReset => "Contraseña restablecida: sus sesiones, tokens y enlaces de calendario se han anulado.", "Pasahitza berrezarri da: bere saioak, tokenak eta egutegi-estekak baliogabetu dira.", "Password reset: their sessions, tokens and calendar links were revoked.";
    UsersActive => "Activo", "Aktiboa", "Active";
    UsersInactive => "Desactivado", "Desaktibatuta", "Deactivated";
    UsersDeactivate => "Desactivar", "Desaktibatu", "Deactivate";
    UsersActivate => "Activar", "Aktibatu", "Activate";
    UsersNever => "Nunca", "Inoiz ez", "Never";
    UsersYou => "tú", "zu", "you";
    UsersPasswordHint => "Mínimo 10 caracteres.", "Gutxienez 10 karaktere.", "At least 10 characters.";
    UsersCount => "{n} usuarios", "{n} erabiltzaile", "{n} users";

    AccountTitle => "Mi cuenta", "Nire kontua", "My account";
    AccountPassword => "Cambiar contraseña", "Pasahitza aldatu", "Change password";
    AccountPasswordChanged => "Contraseña cambiada. Las demás sesiones, los tokens de API y los enlaces de calendario se han anulado.", "Pasahitza aldatu da. Beste saioak, API tokenak eta egutegi-estekak baliogabetu dira.", "Password changed. Your other sessions, API tokens and calendar links were revoked.";
    AccountEverywhere => "Cerrar sesión en todos los dispositivos", "Saioa itxi gailu guztietan", "Sign out everywhere";
    AccountEverywhereIntro => "Cierra todas tus sesiones, también esta, y anula tus tokens de API y tus enlaces de calendario. Úsalo si has perdido un dispositivo o sospechas que alguien usa tu cuenta.", "Zure saio guztiak ixten ditu, hau ere bai, eta zure API tokenak eta egutegi-estekak baliogabetzen ditu. Erabili gailu bat galdu baduzu edo norbaitek zure kontua erabiltzen duela uste baduzu.", "Ends all your sessions, this one too, and revokes your API tokens and calendar links. Use it if you lost a device or suspect someone is using your account.";
    AccountLanguageSaved => "Idioma guardado.", "Hizkuntza gorde da.", "Language saved.";

    ActionSave => "Guardar", "Gorde", "Save";
    ActionSaving => "Guardando…", "Gordetzen…", "Saving…";
    ActionClose => "Cerrar", "Itxi", "Close";
    ActionBackHome => "Volver al inicio", "Hasierara itzuli", "Back to the dashboard";
    Loading => "Cargando…", "Kargatzen…", "Loading…";

    PageNotFoundTitle => "Página no encontrada", "Ez da orria aurkitu", "Page not found";
    PageNotFoundBody => "La dirección no existe o ha cambiado.", "Helbidea ez da existitzen edo aldatu egin da.", "The address does not exist or has changed.";
    PageForbiddenTitle => "Sin permiso", "Baimenik gabe", "Not allowed";
    PageForbiddenBody => "Tu rol no permite abrir esta página. Pide acceso a quien administra Aula.", "Zure rolak ez du orri hau irekitzen uzten. Eskatu sarbidea Aula kudeatzen duenari.", "Your role cannot open this page. Ask whoever runs Aula for access.";
    PageErrorTitle => "Algo ha fallado", "Zerbait gaizki joan da", "Something went wrong";

    ErrRequired => "Este campo es obligatorio.", "Eremu hau derrigorrezkoa da.", "This field is required.";
    ErrTooShort => "Debe tener al menos {n} caracteres.", "Gutxienez {n} karaktere izan behar ditu.", "Must be at least {n} characters long.";
    ErrTooLong => "No puede pasar de {n} caracteres.", "Ezin ditu {n} karaktere gainditu.", "Must be at most {n} characters long.";
    ErrInvalidEmail => "No es un email válido.", "Ez da baliozko emaila.", "Not a valid email address.";
    ErrEmailTaken => "Ya hay un usuario con este email.", "Badago erabiltzaile bat email honekin.", "A user with this email already exists.";
    ErrInvalidChoice => "Elige una de las opciones.", "Aukeratu aukeretako bat.", "Choose one of the options.";
    ErrWrongPassword => "La contraseña no es correcta.", "Pasahitza ez da zuzena.", "The password is not correct.";
    ErrPasswordsDiffer => "Las contraseñas no coinciden.", "Pasahitzak ez datoz bat.", "The passwords do not match.";
    ErrUnauthorized => "Tienes que iniciar sesión.", "Saioa hasi behar duzu.", "You need to sign in.";
    ErrForbidden => "Tu rol no permite hacer esto.", "Zure rolak ez du hau egiten uzten.", "Your role does not allow this.";
    ErrNotFound => "No se ha encontrado.", "Ez da aurkitu.", "Not found.";
    ErrValidation => "Revisa los campos marcados.", "Berrikusi markatutako eremuak.", "Please check the marked fields.";
    ErrConflict => "Otro cambio se ha cruzado con el tuyo. Recarga e inténtalo de nuevo.", "Beste aldaketa batek zurea gurutzatu du. Kargatu berriro eta saiatu berriz.", "Another change got in the way. Reload and try again.";
    ErrRateLimited => "Demasiados intentos. Prueba de nuevo en {n} min.", "Saiakera gehiegi. Saiatu berriro {n} min barru.", "Too many attempts. Try again in {n} min.";
    ErrUnavailable => "No hay conexión con el servidor.", "Ez dago zerbitzariarekin konexiorik.", "Cannot reach the server.";
    ErrInternal => "Error interno. Se ha registrado y puedes volver a intentarlo.", "Barne-errorea. Erregistratu da eta berriro saia zaitezke.", "Internal error. It has been logged; you can try again.";
    ErrCannotChangeSelf => "No puedes quitarte a ti el rol de administración ni desactivarte.", "Ezin diozu zeure buruari administrazio-rola kendu edo zeure burua desaktibatu.", "You cannot remove your own administrator role or deactivate yourself.";
    ErrInvalidTaxId => "No es un CIF/NIF/NIE válido (revisa la letra o el dígito de control).", "Ez da baliozko IFK/IFZ/AIZ (begiratu kontrol-letra edo -digitua).", "Not a valid CIF/NIF/NIE (check the control letter or digit).";
    ErrTaxIdTaken => "Ya existe un registro con este identificador fiscal.", "Badago erregistro bat identifikazio fiskal honekin.", "A record with this tax id already exists.";
    ErrPossibleDuplicate => "Ya existe un registro con este dato. Revísalo o marca «Crear de todos modos».", "Badago erregistro bat datu honekin. Berrikusi edo markatu «Sortu hala ere».", "A record with this value already exists. Check it or tick “Create anyway”.";
    ErrInvalidPhone => "No es un teléfono válido.", "Ez da baliozko telefonoa.", "Not a valid phone number.";
    ErrInvalidUrl => "No es una dirección web válida.", "Ez da baliozko web helbidea.", "Not a valid web address.";
    ErrInvalidDate => "No es una fecha válida.", "Ez da baliozko data.", "Not a valid date.";
    ErrNameTaken => "Ese nombre ya está en uso.", "Izen hori erabilita dago.", "That name is already in use.";

    ErrMalformed => "El contenido enviado no tiene el formato esperado.", "Bidalitako edukiak ez du espero zen formatua.", "The request body does not have the expected format.";

    ErrInvalidNumber => "Escribe un número (como mucho dos decimales).", "Idatzi zenbaki bat (gehienez bi hamartar).", "Enter a number (at most two decimals).";
    ErrAtLeast => "Debe ser al menos {n}.", "Gutxienez {n} izan behar du.", "Must be at least {n}.";
    ErrEndBeforeStart => "El fin debe ser posterior al inicio.", "Amaiera hasieraren ondoren izan behar da.", "The end must be after the start.";
    ErrCodeTaken => "Ya existe otro registro con este código.", "Beste erregistro batek du kode hau.", "Another record already has this code.";
    ErrTrainerBusy => "El formador ya tiene otra sesión a esa hora:", "Prestatzaileak beste saio bat du ordu horretan:", "The trainer already has another session at that time:";
    ErrRoomBusy => "El aula ya está ocupada a esa hora:", "Gela beteta dago ordu horretan:", "The room is already taken at that time:";
    ErrNotOpen => "Este taller no admite inscripciones ahora.", "Tailer honek ez du izen-ematerik onartzen orain.", "This workshop is not taking enrollments now.";
    ErrKeyReused => "Esa clave de idempotencia ya se usó para otra solicitud.", "Idenpotentzia-gako hori beste eskaera baterako erabili da.", "That idempotency key was already used for another request.";
    ErrOutOfRange => "Debe estar entre {from} y {to}.", "{from} eta {to} artean egon behar du.", "Must be between {from} and {to}.";
    ErrWrongState => "No es posible en el estado actual.", "Ez da posible uneko egoeran.", "Not possible in the current state.";
    ErrRoleInUse => "{n} usuarios tienen este rol: cámbialo antes en sus cuentas.", "{n} erabiltzailek dute rol hau: aldatu lehenago haien kontuetan.", "{n} users hold this role: change it on their accounts first.";
    ErrOwnOnly => "Tu rol solo alcanza lo asignado a ti: no puedes asignarlo a otra persona.", "Zure rolak zuri esleitutakoa soilik hartzen du: ezin diozu beste pertsona bati esleitu.", "Your role reaches only what is assigned to you: you cannot assign this to someone else.";
    ErrRoleLocked => "El rol de administración tiene siempre todos los permisos.", "Administrazio rolak baimen guztiak ditu beti.", "The administrators' role always has every permission.";
    ErrHoldExpired => "Esta reserva ha caducado y la plaza ha vuelto a quedar libre.", "Erreserba hau iraungi da eta plaza berriz libre dago.", "This booking has expired and the seat is free again.";
    ErrRegimeNotAvailable => "Este emisor factura con TicketBAI, que Aula aún no registra: emite sus facturas con un emisor Veri*Factu.", "Igorle honek TicketBAI bidez fakturatzen du, eta Aulak oraindik ez du erregistratzen: erabili Veri*Factu igorle bat.", "This issuer invoices under TicketBAI, which Aula does not record yet: issue with a Veri*Factu issuer.";
    ErrSimplifiedOverLimit => "Una factura simplificada no puede superar 400 € (IVA incluido): emite una factura completa.", "Faktura erraztu batek ezin ditu 400 € gainditu (BEZa barne): egin faktura osoa.", "A simplified invoice cannot exceed €400 (VAT included): issue a full invoice.";
    ErrNoSeries => "El emisor no tiene una serie de este tipo: añádela en sus datos.", "Igorleak ez du mota honetako seriarik: gehitu bere datuetan.", "The issuer has no series of this kind: add one in its details.";

    PayDirectDebit => "Domiciliación", "Helbideratzea", "Direct debit";
    ErrNothingToInvoice => "No quedan horas por facturar en esta contratación.", "Kontratazio honetan ez dago fakturatzeko ordurik.", "This contract has no hours left to invoice.";
    ErrOverInvoiced => "Son más horas de las que quedan por facturar en la contratación.", "Kontratazioan fakturatzeko geratzen direnak baino ordu gehiago dira.", "More hours than the contract has left to invoice.";
    CtInvoiced => "Facturadas", "Fakturatuak", "Invoiced";
    CtInvoices => "Facturas de la contratación", "Kontratazioaren fakturak", "The contract's invoices";
    CtInvoiceDelivered => "Facturar horas impartidas", "Emandako orduak fakturatu", "Invoice delivered hours";
    CtInvoiceMilestone => "Horas a facturar (hito)", "Fakturatzeko orduak (mugarria)", "Hours to invoice (milestone)";
    CtInvoiceHint => "Sin horas, se facturan las impartidas que faltan; con horas, un hito sobre las previstas.", "Ordurik gabe, falta diren emandakoak fakturatzen dira; orduekin, aurreikusitakoen gaineko mugarri bat.", "Without hours, the delivered hours not yet invoiced; with hours, a milestone of the planned ones.";
    ErrOverpaid => "El pago supera lo pendiente de la factura.", "Ordainketak fakturaren zorra gainditzen du.", "The payment exceeds what is still owed on the invoice.";
    BillInvoices => "Facturas", "Fakturak", "Invoices";
    BillIssuers => "Emisores de facturas", "Faktura-igorleak", "Invoice issuers";
    ProdProducts => "Productos y kits", "Produktuak eta kitak", "Products and kits";
    SaleCounter => "Venta en mostrador", "Salmenta mostradorean", "Counter sale";
    ErrNotEnoughStock => "No hay existencias suficientes: quedan {n}.", "Ez dago nahikoa stock: {n} geratzen dira.", "Not enough in stock: {n} left.";
    AuditIssue => "Emisión", "Igorpena", "Issue";
    AuditCancelInvoice => "Anulación", "Baliogabetzea", "Cancellation";
    AuditPayment => "Cobro", "Kobrantza", "Payment";

    ModalityInPerson => "Presencial", "Aurrez aurrekoa", "In person";
    ModalityOnline => "Online", "Online", "Online";
    ModalityMixed => "Mixta", "Mistoa", "Mixed";
    ContractDraft => "Borrador", "Zirriborroa", "Draft";
    ContractConfirmed => "Confirmada", "Berretsia", "Confirmed";
    ContractInProgress => "En curso", "Martxan", "In progress";
    ContractCompleted => "Finalizada", "Amaitua", "Completed";
    ContractCancelled => "Cancelada", "Bertan behera", "Cancelled";
    SessionProposal => "Propuesta", "Proposamena", "Proposal";
    SessionScheduled => "Programada", "Programatua", "Scheduled";
    SessionDone => "Realizada", "Egina", "Done";
    SessionCancelled => "Cancelada", "Bertan behera", "Cancelled";
    AttendancePresent => "Presente", "Bertan", "Present";
    AttendanceLate => "Tarde", "Berandu", "Late";
    AttendanceAbsent => "Ausente", "Falta", "Absent";
    WorkshopDraft => "Borrador", "Zirriborroa", "Draft";
    WorkshopPublished => "Publicado", "Argitaratua", "Published";
    WorkshopClosed => "Cerrado", "Itxita", "Closed";
    WorkshopCancelled => "Cancelado", "Bertan behera", "Cancelled";
    EnrollmentConfirmed => "Confirmada", "Berretsia", "Confirmed";
    ReqPending => "Pendiente de confirmar", "Berresteko zain", "Awaiting confirmation";
    ReqConfirmed => "Confirmada", "Berretsia", "Confirmed";
    ReqExpired => "Caducada", "Iraungia", "Expired";
    ReqDiscarded => "Descartada", "Baztertua", "Discarded";
    EnrollmentWaitlisted => "En lista de espera", "Itxaron-zerrendan", "Waitlisted";
    EnrollmentCancelled => "Cancelada", "Bertan behera", "Cancelled";
    PaymentPending => "Pago pendiente", "Ordainketa zain", "Payment pending";
    PaymentPaid => "Pagado", "Ordainduta", "Paid";
    PaymentRefunded => "Reembolsado", "Itzulita", "Refunded";
    PayCard => "Tarjeta", "Txartela", "Card";
    PayCash => "Efectivo", "Eskudirua", "Cash";
    PayTransfer => "Transferencia", "Transferentzia", "Bank transfer";
    PayBizum => "Bizum", "Bizum", "Bizum";

    TokensTitle => "Tokens de la API", "APIaren tokenak", "API tokens";
    TokensIntro => "Para integrar otros programas con /api/v1. Cada token actúa con tu rol.", "Beste programa batzuk /api/v1-ekin integratzeko. Token bakoitzak zure rolarekin jarduten du.", "For integrating other software with /api/v1. Each token acts with your role.";
    TokensName => "Nombre del token", "Tokenaren izena", "Token name";
    TokensCreate => "Crear token", "Tokena sortu", "Create token";
    TokensCopyNow => "Copia el token ahora: no se volverá a mostrar.", "Kopiatu tokena orain: ez da berriro erakutsiko.", "Copy the token now: it will not be shown again.";
    TokensRevoke => "Revocar", "Baliogabetu", "Revoke";

    ImportTitle => "Importar CSV", "CSV inportatu", "Import CSV";
    ImportIntro => "Sube un CSV de una hoja de cálculo (coma, punto y coma o tabulador; UTF-8 o Windows-1252). Verás las primeras filas y elegirás qué columna es cada campo.", "Igo kalkulu-orri bateko CSV bat (koma, puntu eta koma edo tabulazioa; UTF-8 edo Windows-1252). Lehen errenkadak ikusiko dituzu eta zutabe bakoitza zein eremu den aukeratuko duzu.", "Upload a CSV from a spreadsheet (comma, semicolon or tab; UTF-8 or Windows-1252). You will see the first rows and choose which column is which field.";
    ImportTarget => "Qué importas", "Zer inportatzen duzu", "What you import";
    ImportTargetOrganizations => "Organizaciones", "Erakundeak", "Organizations";
    ImportTargetPeople => "Personas", "Pertsonak", "People";
    ImportFile => "Archivo CSV", "CSV fitxategia", "CSV file";
    ImportUpload => "Subir y revisar", "Igo eta berrikusi", "Upload and review";
    ImportErrEmpty => "El archivo está vacío o no tiene filas.", "Fitxategia hutsik dago edo ez du errenkadarik.", "The file is empty or has no rows.";
    ImportErrTooLarge => "El archivo es demasiado grande (máximo 64 MB).", "Fitxategia handiegia da (gehienez 64 MB).", "The file is too large (at most 64 MB).";
    ImportErrTooManyRows => "El archivo tiene demasiadas filas (máximo 200.000).", "Fitxategiak errenkada gehiegi ditu (gehienez 200.000).", "The file has too many rows (at most 200,000).";
    ImportErrMalformed => "No se ha podido leer el archivo como CSV.", "Ezin izan da fitxategia CSV gisa irakurri.", "The file could not be read as CSV.";
    ImportErrMapping => "Asigna la columna del nombre y no repitas campos.", "Esleitu izenaren zutabea eta ez errepikatu eremuak.", "Map the name column and do not repeat fields.";
    ImportFileInfo => "{n} filas", "{n} errenkada", "{n} rows";
    ImportMapping => "Columnas", "Zutabeak", "Columns";
    ImportIgnore => "(no importar)", "(ez inportatu)", "(do not import)";
    ImportUpdateExisting => "Actualizar los registros que ya existen (mismo CIF/NIF)", "Eguneratu dauden erregistroak (IFK/IFZ bera)", "Update records that already exist (same tax id)";
    ImportRun => "Importar", "Inportatu", "Import";
    ImportRunning => "Importando: {n} de {total} filas…", "Inportatzen: {total}tik {n} errenkada…", "Importing: {n} of {total} rows…";
    ImportDone => "Importación terminada", "Inportazioa amaitu da", "Import finished";
    ImportCreated => "Creados", "Sortuak", "Created";
    ImportUpdated => "Actualizados", "Eguneratuak", "Updated";
    ImportSkipped => "Omitidos", "Saltatuak", "Skipped";
    ImportLine => "Línea", "Lerroa", "Line";
    ImportReason => "Motivo", "Arrazoia", "Reason";
    ImportFailed => "La importación se ha detenido por un error en la fila {n}. Lo importado antes se ha guardado: puedes continuar desde ahí o deshacerla. Se ha registrado el error.", "Inportazioa errore batek gelditu du {n}. errenkadan. Aurretik inportatutakoa gorde da: handik jarraitu edo desegin dezakezu. Errorea erregistratu da.", "The import stopped on an error at row {n}. What it imported before is saved: you can carry on from there or undo it. The error has been logged.";
    ImportCancelledAt => "Has detenido la importación en la fila {n}. Lo importado hasta ahí se ha guardado: puedes continuar o deshacerla.", "Inportazioa {n}. errenkadan gelditu duzu. Ordura arte inportatutakoa gorde da: jarraitu edo desegin dezakezu.", "You stopped the import at row {n}. What it imported so far is saved: you can carry on or undo it.";
    ImportUndone => "Importación deshecha: se han borrado los registros que creó. Los que actualizó conservan los cambios.", "Inportazioa desegin da: sortu zituen erregistroak ezabatu dira. Eguneratu zituenek aldaketak gordetzen dituzte.", "Import undone: the records it created were deleted. Those it updated keep their changes.";
    ImportCancel => "Detener", "Gelditu", "Stop";
    ImportResume => "Continuar", "Jarraitu", "Carry on";
    ImportUndo => "Deshacer la importación", "Inportazioa desegin", "Undo the import";
    ImportUndoHint => "Borra los {n} registros creados por esta importación, con lo que se les haya añadido después (los actualizados no cambian).", "Inportazio honek sortutako {n} erregistroak ezabatzen ditu, geroago gehitutakoarekin batera (eguneratutakoak ez dira aldatzen).", "Deletes the {n} records this import created, with whatever was added to them since (updated ones do not change).";
    ImportErrTooManyColumns => "El archivo tiene demasiadas columnas (máximo 60).", "Fitxategiak zutabe gehiegi ditu (gehienez 60).", "The file has too many columns (at most 60).";
    ImportErrCellTooLong => "Una celda del archivo es demasiado larga (máximo 10.000 caracteres).", "Fitxategiko gelaxka bat luzeegia da (gehienez 10.000 karaktere).", "A cell in the file is too long (at most 10,000 characters).";
    ImportAnother => "Importar otro archivo", "Beste fitxategi bat inportatu", "Import another file";
    PersonOrganizationRole => "Rol en la organización", "Rola erakundean", "Role at the organization";

    NavClients => "Clientes", "Bezeroak", "Clients";
    NavPeople => "Personas", "Pertsonak", "People";

    StatusLead => "Lead", "Lead", "Lead";
    StatusProspect => "Prospecto", "Prospektua", "Prospect";
    StatusClient => "Cliente", "Bezeroa", "Client";
    StatusInactive => "Inactivo", "Inaktiboa", "Inactive";
    SourceWeb => "Web", "Weba", "Web";
    SourceReferral => "Recomendación", "Gomendioa", "Referral";
    SourceFair => "Feria", "Azoka", "Fair";
    SourceCampaign => "Campaña", "Kanpaina", "Campaign";
    SourcePhone => "Teléfono", "Telefonoa", "Phone";
    SourceOther => "Otro", "Beste bat", "Other";
    ContactManager => "Encargado/a", "Arduraduna", "Manager";
    ContactCoordinator => "Coordinador/a", "Koordinatzailea", "Coordinator";
    ContactParticipant => "Participante", "Parte-hartzailea", "Participant";
    ContactBilling => "Facturación", "Fakturazioa", "Billing";
    ContactOther => "Otro", "Beste bat", "Other";
    KindCall => "Llamada", "Deia", "Call";
    KindMeeting => "Reunión", "Bilera", "Meeting";
    KindEmail => "Email", "Emaila", "Email";
    KindWhatsapp => "WhatsApp", "WhatsApp", "WhatsApp";
    KindVisit => "Visita", "Bisita", "Visit";
    KindNote => "Nota", "Oharra", "Note";
    ResultPending => "Pendiente", "Zain", "Pending";
    ResultProposal => "Propuesta", "Proposamena", "Proposal";
    ResultWon => "Ganada", "Irabazita", "Won";
    ResultLost => "Perdida", "Galduta", "Lost";
    ResultNoAnswer => "Sin respuesta", "Erantzunik gabe", "No answer";
    ResultFollowUp => "Seguimiento", "Jarraipena", "Follow-up";

    OrgLegalName => "Razón social", "Izen soziala", "Legal name";
    OrgTradeName => "Nombre comercial", "Izen komertziala", "Trade name";
    OrgTaxId => "CIF / NIF", "IFK / IFZ", "Tax id";
    OrgCountry => "País", "Herrialdea", "Country";
    OrgSector => "Sector", "Sektorea", "Sector";
    OrgAddress => "Dirección", "Helbidea", "Address";
    OrgPostalCode => "Código postal", "Posta-kodea", "Postal code";
    OrgCity => "Localidad", "Herria", "City";
    OrgProvince => "Provincia", "Probintzia", "Province";
    OrgPhone => "Teléfono", "Telefonoa", "Phone";
    OrgWebsite => "Web", "Weba", "Website";
    OrgNotes => "Notas", "Oharrak", "Notes";
    OrgOwner => "Responsable", "Arduraduna", "Owner";
    OrgSource => "Origen", "Jatorria", "Source";
    OrgInterests => "Intereses", "Interesak", "Interests";
    OrgIsContracting => "Cliente contratante (paga)", "Bezero kontratatzailea (ordaintzen du)", "Contracting client (pays)";
    OrgIsEndClient => "Cliente final (recibe la formación)", "Azken bezeroa (prestakuntza jasotzen du)", "End client (receives the training)";
    OrgCreateAnyway => "Crear de todos modos", "Sortu hala ere", "Create anyway";
    OrgLastInteraction => "Última interacción", "Azken elkarreragina", "Last interaction";
    OrgNone => "—", "—", "—";
    OrgNoOwner => "Sin responsable", "Arduradunik gabe", "No owner";
    OrgAny => "Todos", "Guztiak", "All";

    HubTitle => "Clientes", "Bezeroak", "Clients";
    HubIntro => "Empresas, clientes finales y su historial.", "Enpresak, azken bezeroak eta haien historia.", "Companies, end clients and their history.";
    HubKpiTotal => "Total", "Guztira", "Total";
    HubKpiLeads => "Leads", "Leadak", "Leads";
    HubKpiClients => "Clientes", "Bezeroak", "Clients";
    HubKpiActive => "Activos este trimestre", "Aktiboak hiruhileko honetan", "Active this quarter";
    HubKpiPending => "Seguimientos pendientes", "Jarraipen zain", "Pending follow-ups";
    HubSearch => "Buscar", "Bilatu", "Search";
    HubSearchPlaceholder => "Nombre, email, teléfono o CIF", "Izena, emaila, telefonoa edo IFK", "Name, email, phone or tax id";
    HubFilter => "Filtrar", "Iragazi", "Filter";
    HubClear => "Limpiar", "Garbitu", "Clear";
    HubNew => "Nuevo cliente", "Bezero berria", "New client";
    HubExport => "Exportar CSV", "CSV esportatu", "Export CSV";
    HubImport => "Importar CSV", "CSV inportatu", "Import CSV";
    HubCount => "{n} resultados", "{n} emaitza", "{n} results";
    HubEmpty => "No hay clientes con estos filtros.", "Ez dago bezerorik iragazki hauekin.", "No clients match these filters.";
    HubPrev => "Anterior", "Aurrekoa", "Previous";
    HubNext => "Siguiente", "Hurrengoa", "Next";
    HubPageOf => "Página {n} de {total}", "{total} orritik {n}.a", "Page {n} of {total}";
    HubSavedViews => "Vistas guardadas", "Gordetako ikuspegiak", "Saved views";
    HubSaveView => "Guardar vista", "Ikuspegia gorde", "Save view";
    HubViewName => "Nombre de la vista", "Ikuspegiaren izena", "View name";
    HubViewSaved => "Vista guardada.", "Ikuspegia gorde da.", "View saved.";
    HubDeleteView => "Borrar vista", "Ikuspegia ezabatu", "Delete view";
    HubSortBy => "Ordenar", "Ordenatu", "Sort";
    SortNameAsc => "Nombre (A–Z)", "Izena (A–Z)", "Name (A–Z)";
    SortNameDesc => "Nombre (Z–A)", "Izena (Z–A)", "Name (Z–A)";
    SortNewest => "Más recientes", "Berrienak", "Newest";
    SortOldest => "Más antiguos", "Zaharrenak", "Oldest";
    SortCity => "Localidad", "Herria", "City";

    OrgNewTitle => "Nuevo cliente", "Bezero berria", "New client";
    OrgEditTitle => "Editar cliente", "Bezeroa editatu", "Edit client";
    OrgCreated => "Cliente creado.", "Bezeroa sortu da.", "Client created.";
    OrgSaved => "Cambios guardados.", "Aldaketak gorde dira.", "Changes saved.";
    OrgEdit => "Editar", "Editatu", "Edit";
    OrgTabOverview => "Resumen", "Laburpena", "Overview";
    OrgTabContacts => "Contactos", "Kontaktuak", "Contacts";
    OrgTabTimeline => "Historial", "Historia", "Timeline";
    OrgSince => "Estado desde {date}", "Egoera {date}(e)tik", "Status since {date}";
    OrgFollowUpsTitle => "Próximas acciones", "Hurrengo ekintzak", "Next actions";
    OrgNoFollowUps => "No hay acciones pendientes.", "Ez dago ekintzarik zain.", "No pending actions.";
    OrgContactsEmpty => "Todavía no hay contactos.", "Oraindik ez dago kontakturik.", "No contacts yet.";
    OrgAddContact => "Añadir contacto", "Kontaktua gehitu", "Add contact";
    OrgContactAdded => "Contacto añadido.", "Kontaktua gehitu da.", "Contact added.";
    OrgRemoveContact => "Quitar", "Kendu", "Remove";
    OrgMerge => "Fusionar", "Bateratu", "Merge";
    OrgMergeIntro => "Fusiona otro registro duplicado en este: sus contactos, interacciones e historial pasan aquí y el otro desaparece.", "Bateratu beste erregistro bikoiztu bat honetan: haren kontaktuak, elkarreraginak eta historia hona pasatzen dira eta bestea desagertzen da.", "Fold a duplicate record into this one: its contacts, interactions and history move here and the other one is removed.";
    OrgMergeWith => "Id del registro duplicado", "Erregistro bikoiztuaren ida", "Id of the duplicate record";
    OrgMerged => "Registros fusionados.", "Erregistroak bateratu dira.", "Records merged.";
    GdprTitle => "Protección de datos", "Datuen babesa", "Data protection";
    GdprAccessIntro => "Derecho de acceso y portabilidad: todo lo que Aula guarda de esta persona, para leerlo o descargarlo.", "Sarbide- eta eramangarritasun-eskubidea: Aulak pertsona honi buruz gordetzen duen guztia, irakurtzeko edo deskargatzeko.", "Right of access and portability: everything Aula holds about this person, to read or to download.";
    GdprView => "Ver sus datos", "Bere datuak ikusi", "View their data";
    GdprDownload => "Descargar (JSON)", "Deskargatu (JSON)", "Download (JSON)";
    GdprEraseIntro => "Derecho de supresión: borra sus datos de contacto, notas, vínculos, intereses e historial y la desvincula de interacciones y oportunidades, de cuyos textos quita su nombre, email y teléfono; el registro de cambios conserva qué se hizo, sin sus valores. Lo que la ley obliga a conservar (pagos recibidos, asistencia a formación) queda bloqueado, solo con nombre y NIF, hasta que vence el plazo.", "Ezabatzeko eskubidea: bere harremanetarako datuak, oharrak, loturak, interesak eta historia ezabatzen ditu eta elkarreraginetatik eta aukeretatik askatzen du, eta haien testuetatik bere izena, emaila eta telefonoa kentzen ditu; aldaketen erregistroak zer egin zen gordetzen du, baliorik gabe. Legeak gordetzera behartzen duena (jasotako ordainketak, prestakuntzarako asistentzia) blokeatuta geratzen da, izena eta IFZ soilik, epea amaitu arte.", "Right to erasure: removes their contact details, notes, links, interests and history and unlinks them from interactions and opportunities, whose texts lose their name, email and phone; the change log keeps what was done, without their values. What the law requires to keep (payments received, training attendance) stays blocked, with the name and tax id only, until its term ends.";
    GdprConfirm => "Entiendo que no se puede deshacer", "Ulertzen dut ezin dela desegin", "I understand this cannot be undone";
    GdprErase => "Suprimir datos personales", "Datu pertsonalak ezabatu", "Erase personal data";
    GdprErased => "Datos personales suprimidos.", "Datu pertsonalak ezabatu dira.", "Personal data erased.";
    GdprErasedOn => "Sus datos personales se suprimieron el {date}.", "Bere datu pertsonalak {date}(e)an ezabatu ziren.", "Their personal data were erased on {date}.";
    GdprHoldAccounting => "pagos recibidos (contabilidad, 6 años)", "jasotako ordainketak (kontabilitatea, 6 urte)", "payments received (accounting, 6 years)";
    GdprHoldTraining => "asistencia a formación (4 años)", "prestakuntzarako asistentzia (4 urte)", "training attendance (4 years)";
    GdprReportTitle => "Datos personales de {name}", "{name}(r)en datu pertsonalak", "Personal data of {name}";
    GdprReportIntro => "Todo lo que Aula guarda de esta persona, generado el {date}. Para entregarlo en una solicitud de acceso: imprímelo o adjunta la versión JSON.", "Aulak pertsona honi buruz gordetzen duen guztia, {date}(e)an sortua. Sarbide-eskaera bati erantzuteko: inprimatu edo erantsi JSON bertsioa.", "Everything Aula holds about this person, generated on {date}. To answer an access request: print it or attach the JSON version.";
    GdprRecord => "Ficha", "Fitxa", "Record";
    GdprEnrollments => "Talleres", "Tailerrak", "Workshops";
    GdprTraining => "Formación y asistencia", "Prestakuntza eta asistentzia", "Training and attendance";
    GdprOpportunities => "Oportunidades en las que es contacto", "Harremanetarako pertsona den aukerak", "Opportunities where they are the contact";
    GdprEmails => "Correos enviados", "Bidalitako mezuak", "Emails sent";
    GdprRequests => "Solicitudes del formulario público", "Formulario publikoko eskaerak", "Requests from the public form";
    GdprChanges => "Cambios en su ficha", "Bere fitxako aldaketak", "Changes to their record";
    GdprNothing => "Nada.", "Ezer ez.", "Nothing.";
    OrgDuplicateOf => "Posible duplicado: {name}", "Bikoiztua izan daiteke: {name}", "Possible duplicate: {name}";

    PersonFirstName => "Nombre", "Izena", "First name";
    PersonLastName => "Apellidos", "Abizenak", "Last name";
    PersonTaxId => "NIF / NIE", "IFZ / AIZ", "Tax id";
    PersonOrganization => "Organización", "Erakundea", "Organization";
    PersonRole => "Rol", "Rola", "Role";
    PersonJobTitle => "Cargo", "Kargua", "Job title";
    PeopleTitle => "Personas", "Pertsonak", "People";
    PeopleIntro => "Contactos, participantes y particulares.", "Kontaktuak, parte-hartzaileak eta partikularrak.", "Contacts, participants and individual clients.";
    PeopleNew => "Nueva persona", "Pertsona berria", "New person";
    PeopleCreated => "Persona creada.", "Pertsona sortu da.", "Person created.";
    PeopleEmpty => "No hay personas con este filtro.", "Ez dago pertsonarik iragazki honekin.", "No people match this filter.";
    PeopleOrganizations => "Organizaciones", "Erakundeak", "Organizations";

    IxTitle => "Nueva interacción", "Elkarreragin berria", "New interaction";
    IxKind => "Tipo", "Mota", "Type";
    IxDate => "Fecha", "Data", "Date";
    IxDescription => "Descripción", "Deskribapena", "Description";
    IxResult => "Resultado", "Emaitza", "Result";
    IxNextAction => "Próxima acción", "Hurrengo ekintza", "Next action";
    IxNextActionAt => "Fecha próxima acción", "Hurrengo ekintzaren data", "Next-action date";
    IxCreateReminder => "Crear recordatorio", "Gogorarazlea sortu", "Create reminder";
    IxSave => "Registrar interacción", "Elkarreragina erregistratu", "Log interaction";
    IxSaved => "Interacción registrada.", "Elkarreragina erregistratu da.", "Interaction logged.";
    IxMarkDone => "Hecho", "Eginda", "Done";
    IxDue => "Para el {date}", "{date}(e)rako", "Due {date}";
    IxPerson => "Persona", "Pertsona", "Person";

    TlAll => "Todo", "Dena", "All";
    TlInteractions => "Interacciones", "Elkarreraginak", "Interactions";
    TlStatus => "Cambios de estado", "Egoera-aldaketak", "Status changes";
    TlRecords => "Altas y fusiones", "Altak eta bateratzeak", "Records";
    TlEmpty => "Nada en el historial todavía.", "Ezer ez historian oraindik.", "Nothing in the timeline yet.";
    TlMore => "Ver más", "Gehiago ikusi", "Show more";
    TlCreated => "Alta del registro", "Erregistroaren alta", "Record created";
    TlStatusChanged => "Estado: {from} → {to}", "Egoera: {from} → {to}", "Status: {from} → {to}";
    TlMerged => "Fusionado con «{name}»", "«{name}»(e)kin bateratua", "Merged with “{name}”";
    TlContactAdded => "Contacto añadido: {name}", "Kontaktua gehitu da: {name}", "Contact added: {name}";
    TlEnrolled => "Inscripción en «{name}»", "«{name}»(e)n izena emanda", "Enrolled in “{name}”";
    TlWaitlisted => "En lista de espera de «{name}»", "«{name}»(r)en itxaron-zerrendan", "Waitlisted for “{name}”";
    TlPromoted => "Plaza confirmada en «{name}»", "«{name}»(e)n plaza berretsita", "Seat confirmed in “{name}”";
    TlEnrollmentCancelled => "Inscripción cancelada en «{name}»", "«{name}»(e)ko izen-ematea ezeztatuta", "Enrollment cancelled in “{name}”";
    TlPaid => "Pago de «{name}»", "«{name}»(r)en ordainketa", "Payment for “{name}”";
    TlContract => "Contratación {name}", "{name} kontratazioa", "Contract {name}";
    TlSession => "Sesión de {name}", "{name} saioa", "Session of {name}";
    TlBy => "por {name}", "{name}(e)k", "by {name}";

    CoTitle => "Catálogo", "Katalogoa", "Catalogue";
    CoCourses => "Cursos", "Ikastaroak", "Courses";
    CoNew => "Nuevo curso", "Ikastaro berria", "New course";
    CoEdit => "Editar curso", "Ikastaroa editatu", "Edit course";
    CoEmpty => "Todavía no hay cursos en el catálogo.", "Oraindik ez dago ikastarorik katalogoan.", "No courses in the catalogue yet.";
    CoSaved => "Curso guardado.", "Ikastaroa gorde da.", "Course saved.";
    CoCode => "Código", "Kodea", "Code";
    CoHours => "Horas", "Orduak", "Hours";
    CoHourlyPrice => "Precio hora", "Orduko prezioa", "Hourly price";
    CoModality => "Modalidad", "Modalitatea", "Modality";
    CoActive => "Activo", "Aktiboa", "Active";
    CoInterestsHint => "Separados por comas.", "Komaz bereizita.", "Separated by commas.";
    RoomTitle => "Aulas", "Gelak", "Rooms";
    RoomNew => "Nueva aula", "Gela berria", "New room";
    RoomEdit => "Editar aula", "Gela editatu", "Edit room";
    RoomEmpty => "Todavía no hay aulas.", "Oraindik ez dago gelarik.", "No rooms yet.";
    RoomSaved => "Aula guardada.", "Gela gorde da.", "Room saved.";
    RoomCapacityN => "{n} plazas", "{n} plaza", "{n} seats";

    CtTitle => "Contrataciones", "Kontratazioak", "Contracts";
    CtNew => "Nueva contratación", "Kontratazio berria", "New contract";
    CtEdit => "Editar contratación", "Kontratazioa editatu", "Edit contract";
    CtEmpty => "No hay contrataciones con estos filtros.", "Ez dago kontrataziorik iragazki hauekin.", "No contracts match these filters.";
    CtEmptyForClient => "Este cliente no tiene contrataciones.", "Bezero honek ez du kontrataziorik.", "This client has no contracts.";
    CtCreated => "Contratación creada.", "Kontratazioa sortu da.", "Contract created.";
    CtSaved => "Contratación guardada.", "Kontratazioa gorde da.", "Contract saved.";
    CtAnyState => "Cualquier estado", "Edozein egoera", "Any state";
    CtFileNumber => "Expediente", "Espedientea", "File number";
    CtFileNumberHint => "Vacío: se asigna el siguiente (EXP-año-número).", "Hutsik: hurrengoa esleitzen da (EXP-urtea-zenbakia).", "Empty: the next one is assigned (EXP-year-number).";
    CtCourse => "Curso", "Ikastaroa", "Course";
    CtOrganization => "Cliente (contratante)", "Bezeroa (kontratatzailea)", "Client (contracting)";
    CtEndClient => "Cliente final", "Azken bezeroa", "End client";
    CtSameAsPayer => "El mismo que el contratante", "Kontratatzailearen bera", "Same as the contracting client";
    CtChoose => "Elige…", "Aukeratu…", "Choose…";
    CtFromCourse => "La del curso", "Ikastaroarena", "The course's";
    CtDefaultHint => "Vacío: el valor del curso.", "Hutsik: ikastaroaren balioa.", "Empty: the course's value.";
    CtPlannedHours => "Horas previstas", "Aurreikusitako orduak", "Planned hours";
    CtHours => "Horas", "Orduak", "Hours";
    CtValue => "Importe", "Zenbatekoa", "Value";
    CtFor => "para {name}", "{name}(r)entzat", "for {name}";
    CtBurnDown => "Horas", "Orduak", "Hours";
    CtPlanned => "Previstas", "Aurreikusiak", "Planned";
    CtScheduled => "Programadas", "Programatuak", "Scheduled";
    CtDelivered => "Impartidas", "Emandakoak", "Delivered";
    CtOverPlanned => "Hay {n} programadas por encima de las previstas.", "Aurreikusitakoen gainetik {n} programatuta daude.", "{n} scheduled beyond the planned hours.";
    CtSessions => "Sesiones", "Saioak", "Sessions";
    CtNoSessions => "Todavía no hay sesiones.", "Oraindik ez dago saiorik.", "No sessions yet.";
    CtAddSession => "Nueva sesión", "Saio berria", "New session";
    CtParticipants => "Participantes", "Parte-hartzaileak", "Participants";
    CtNoParticipants => "Todavía no hay participantes.", "Oraindik ez dago parte-hartzailerik.", "No participants yet.";
    CtNoCandidates => "Todos los contactos del cliente final ya participan. Añade contactos en su ficha.", "Azken bezeroaren kontaktu guztiek parte hartzen dute jada. Gehitu kontaktuak bere fitxan.", "Every contact of the end client already takes part. Add contacts on its page.";
    CtAddParticipant => "Añadir participante", "Parte-hartzailea gehitu", "Add participant";
    CtAdd => "Añadir", "Gehitu", "Add";
    CtRemove => "Quitar", "Kendu", "Remove";
    CtAttendanceRate => "Asistencia {n}% de {total} sesiones", "Asistentzia %{n}, {total} saiotik", "Attendance {n}% of {total} sessions";
    CtNoAttendanceYet => "Sin asistencia registrada", "Asistentziarik erregistratu gabe", "No attendance taken yet";

    SeWhen => "Fecha y hora", "Data eta ordua", "Date and time";
    SeStart => "Inicio", "Hasiera", "Start";
    SeEnd => "Fin", "Amaiera", "End";
    SeTrainer => "Formador/a", "Prestatzailea", "Trainer";
    SeRoom => "Aula", "Gela", "Room";
    SePlace => "Lugar", "Lekua", "Place";
    SeVideoLink => "Enlace de videoconferencia", "Bideokonferentziaren esteka", "Video link";
    SeUndated => "Sin fecha", "Datarik gabe", "Not dated";
    SeSaved => "Sesión guardada.", "Saioa gorde da.", "Session saved.";
    SeEdit => "Cambiar la sesión", "Saioa aldatu", "Change the session";
    SeAttendance => "Asistencia", "Asistentzia", "Attendance";
    SeCheckedIn => "Entrada {date}", "Sarrera {date}", "Checked in {date}";
    SeNotScheduled => "La asistencia se pasa en sesiones programadas o realizadas.", "Asistentzia programatutako edo egindako saioetan hartzen da.", "Attendance is taken for scheduled or done sessions.";
    TodayTitle => "Hoy", "Gaur", "Today";
    TodayNoSessions => "Hoy no hay sesiones.", "Gaur ez dago saiorik.", "No sessions today.";
    TodayNoWorkshops => "Hoy no hay talleres.", "Gaur ez dago tailerrik.", "No workshops today.";

    WsTitle => "Talleres", "Tailerrak", "Workshops";
    WsNew => "Nuevo taller", "Tailer berria", "New workshop";
    WsEdit => "Editar taller", "Tailerra editatu", "Edit workshop";
    WsSaved => "Taller guardado.", "Tailerra gorde da.", "Workshop saved.";
    WsEmpty => "No hay talleres.", "Ez dago tailerrik.", "No workshops.";
    WsUpcoming => "Próximos", "Hurrengoak", "Upcoming";
    WsPast => "Pasados", "Iraganak", "Past";
    WsPublicLink => "Ver el catálogo público", "Katalogo publikoa ikusi", "See the public catalogue";
    WsPublicPage => "Página pública", "Orri publikoa", "Public page";
    WsFieldTitle => "Título", "Izenburua", "Title";
    WsDescription => "Descripción", "Deskribapena", "Description";
    WsWhen => "Cuándo", "Noiz", "When";
    WsStarts => "Empieza", "Hasiera", "Starts";
    WsEnds => "Termina", "Amaiera", "Ends";
    WsPlace => "Lugar", "Lekua", "Place";
    WsCapacity => "Plazas", "Plazak", "Seats";
    WsPrice => "Precio", "Prezioa", "Price";
    WsPriceHint => "En euros, por ejemplo 45,00.", "Eurotan, adibidez 45,00.", "In euros, for example 45.00.";
    WsMinimum => "Mínimo para salir adelante", "Aurrera egiteko gutxienekoa", "Minimum to go ahead";
    WsSeats => "Plazas", "Plazak", "Seats";
    WsSeatsLeft => "{n} libres", "{n} libre", "{n} left";
    WsWaitingCount => "{n} en lista de espera", "{n} itxaron-zerrendan", "{n} waitlisted";
    WsWaitlist => "En espera", "Zain", "Waiting";
    WsBelowMinimum => "Aún no llega al mínimo de {n} inscritos para salir adelante.", "Oraindik ez du aurrera egiteko {n} izen-emateren gutxienekoa lortu.", "Not yet at the minimum of {n} enrollments to go ahead.";
    WsCollected => "Cobrado", "Kobratua", "Collected";
    WsEnrollTitle => "Inscribir a una persona", "Pertsona bat izena eman", "Enroll someone";
    WsEnrollIn => "Inscribir en un taller", "Tailer batean izena eman", "Enroll in a workshop";
    WsEnroll => "Inscribir", "Izena eman", "Enroll";
    WsEnrollWaitlist => "Apuntar en lista de espera", "Itxaron-zerrendan jarri", "Add to the waitlist";
    WsEnrolledConfirmed => "{name}: inscripción confirmada.", "{name}: izen-ematea berretsita.", "{name}: enrollment confirmed.";
    WsEnrolledWaitlist => "{name}: en lista de espera, puesto {n}.", "{name}: itxaron-zerrendan, {n}. postuan.", "{name}: waitlisted, position {n}.";
    WsAlreadyEnrolled => "{name} ya estaba inscrito/a en este taller.", "{name}(e)k izena emanda zuen tailer honetan.", "{name} was already enrolled in this workshop.";
    WsConfirmedTitle => "Confirmadas", "Berretsiak", "Confirmed";
    WsWaitlistTitle => "Lista de espera", "Itxaron-zerrenda", "Waitlist";
    WsCancelledTitle => "Canceladas", "Bertan behera utziak", "Cancelled";
    WsNoEnrollments => "Ninguna.", "Bat ere ez.", "None.";
    WsPayment => "Pago", "Ordainketa", "Payment";
    WsEnrolledAt => "Inscrito/a", "Izena emanda", "Enrolled";
    WsActions => "Acciones", "Ekintzak", "Actions";
    WsPay => "Cobrar", "Kobratu", "Take payment";
    WsPayMethod => "Forma de pago", "Ordainketa modua", "Method";
    WsPayAmount => "Importe", "Zenbatekoa", "Amount";
    WsPayAmountHint => "Vacío: el precio del taller.", "Hutsik: tailerraren prezioa.", "Empty: the workshop's price.";
    WsPayReference => "Referencia", "Erreferentzia", "Reference";
    WsPayConfirm => "Registrar pago", "Ordainketa erregistratu", "Record payment";
    WsPaid => "{name}: pago registrado.", "{name}: ordainketa erregistratuta.", "{name}: payment recorded.";
    WsRefund => "Reembolsar", "Itzuli", "Refund";
    WsRefunded => "{name}: pago reembolsado.", "{name}: ordainketa itzulita.", "{name}: payment refunded.";
    WsCancel => "Cancelar", "Ezeztatu", "Cancel";
    WsCancelled => "Inscripción de {name} cancelada.", "{name}(r)en izen-ematea ezeztatu da.", "{name}'s enrollment cancelled.";
    WsPromoted => "La plaza pasa a {name}.", "Plaza {name}(r)entzat da orain.", "The seat goes to {name}.";

    PubTitle => "Talleres abiertos", "Tailer irekiak", "Open workshops";
    PubIntro => "Apúntate a nuestros próximos talleres. Si está completo, entras en la lista de espera y te avisamos si queda una plaza libre.", "Eman izena gure hurrengo tailerretan. Beteta badago, itxaron-zerrendan sartuko zara eta plaza bat libre geratzen bada abisatuko dizugu.", "Sign up for our next workshops. If one is full you join the waitlist and we let you know when a seat frees up.";
    PubEmpty => "No hay talleres abiertos ahora mismo.", "Une honetan ez dago tailer irekirik.", "No workshops are open right now.";
    PubAll => "Todos los talleres", "Tailer guztiak", "All workshops";
    PubGone => "Este taller ya no admite inscripciones.", "Tailer honek ez du izen-ematerik onartzen jada.", "This workshop no longer takes enrollments.";
    PubFull => "Completo", "Beteta", "Full";
    PubFullIntro => "No quedan plazas, pero puedes apuntarte a la lista de espera.", "Ez dago plazarik, baina itxaron-zerrendan izena eman dezakezu.", "There are no seats left, but you can join the waitlist.";
    PubEnrollTitle => "Inscríbete", "Eman izena", "Sign up";
    PubEnroll => "Reservar mi plaza", "Nire plaza erreserbatu", "Book my seat";
    PubLeaveEmpty => "Deja este campo vacío", "Utzi eremu hau hutsik", "Leave this field empty";
    PubJoinWaitlist => "Apuntarme a la lista de espera", "Itxaron-zerrendan izena eman", "Join the waitlist";
    PubConfirmed => "¡Tu plaza está confirmada! Te esperamos.", "Zure plaza berretsita dago! Zain gaituzu.", "Your seat is confirmed! See you there.";
    PubCheckEmail => "Casi está: te hemos enviado un correo. Abre su enlace para confirmar tu plaza; te la guardamos {n} minutos.", "Ia prest: mezu bat bidali dizugu. Ireki bere esteka zure plaza berresteko; {n} minutuz gordeko dizugu.", "Almost done: we have sent you an email. Open its link to confirm your seat; we hold it for {n} minutes.";
    PubCheckEmailQueue => "El taller está completo. Te hemos enviado un correo: abre su enlace en los próximos {n} minutos para entrar en la lista de espera.", "Tailerra beteta dago. Mezu bat bidali dizugu: ireki bere esteka hurrengo {n} minutuetan itxaron-zerrendan sartzeko.", "The workshop is full. We have sent you an email: open its link within {n} minutes to join the waitlist.";
    PubPrivacy => "Responsable: {centre}. Finalidad: gestionar tu inscripción en este taller y avisarte de él; base jurídica: tu solicitud (art. 6.1.b RGPD). Si no confirmas la reserva, tus datos se borran en 30 días. No los cedemos a nadie. Puedes ejercer tus derechos de acceso, rectificación, supresión, oposición, limitación y portabilidad ante el centro, y reclamar ante la AEPD (aepd.es).", "Arduraduna: {centre}. Helburua: tailer honetako zure izen-ematea kudeatzea eta horren berri ematea; oinarri juridikoa: zure eskaera (DBEO 6.1.b art.). Erreserba berresten ez baduzu, zure datuak 30 egunean ezabatzen dira. Ez dizkiogu inori lagatzen. Sartzeko, zuzentzeko, ezabatzeko, aurka egiteko, mugatzeko eta eramangarritasunerako eskubideak zentroaren aurrean erabil ditzakezu, eta AEPDn erreklamatu (aepd.es).", "Controller: {centre}. Purpose: to handle your enrollment in this workshop and keep you informed about it; legal basis: your request (GDPR art. 6.1.b). If you do not confirm the booking, your data is deleted within 30 days. We share it with nobody. You may exercise your rights of access, rectification, erasure, objection, restriction and portability with the centre, and complain to the AEPD (aepd.es).";
    AuditTitle => "Registro de actividad", "Jarduera-erregistroa", "Audit log";
    AuditIntro => "Cada cambio guardado en Aula: quién, cuándo, desde dónde y qué cambió. El registro no se puede modificar, y cada entrada está encadenada a la anterior con un hash SHA-256.", "Aulan gordetako aldaketa oro: nork, noiz, nondik eta zer aldatu zen. Erregistroa ezin da aldatu, eta sarrera bakoitza aurrekoarekin kateatuta dago SHA-256 hash batez.", "Every change saved in Aula: who, when, from where and what changed. The log cannot be altered, and each entry is chained to the previous one with a SHA-256 hash.";
    AuditEmpty => "No hay cambios registrados.", "Ez dago aldaketarik erregistratuta.", "No changes recorded.";
    AuditWhen => "Cuándo", "Noiz", "When";
    AuditWho => "Quién", "Nork", "Who";
    AuditWhat => "Qué", "Zer", "What";
    AuditChanges => "Cambios", "Aldaketak", "Changes";
    AuditSystem => "Sistema", "Sistema", "System";
    AuditRedacted => "Valores suprimidos (derecho de supresión)", "Balioak ezabatuta (ezabatzeko eskubidea)", "Values removed (right to erasure)";
    AuditRedactedEntries => "Entradas sin valores", "Baliorik gabeko sarrerak", "Entries without values";
    AuditRedactionSeal => "Sello de las entradas", "Sarreren zigilua", "Seal of the entries";
    AuditErase => "Supresión de datos personales", "Datu pertsonalen ezabaketa", "Erasure of personal data";
    AuditErased => "Suprimido", "Ezabatua", "Erased";
    AuditBlockedUntil => "Bloqueado hasta", "Blokeatuta noiz arte", "Blocked until";
    AuditCreate => "Creación", "Sorrera", "Created";
    AuditUpdate => "Cambio", "Aldaketa", "Changed";
    AuditDelete => "Borrado", "Ezabaketa", "Deleted";
    AuditModule => "Módulo", "Modulua", "Module";
    AuditRecord => "Tipo de registro", "Erregistro mota", "Record type";
    AuditUser => "Usuario (id)", "Erabiltzailea (id)", "User (id)";
    AuditFrom => "Desde", "Noiztik", "From";
    AuditTo => "Hasta", "Noiz arte", "To";
    AuditAll => "Todos", "Guztiak", "All";
    AuditFilter => "Filtrar", "Iragazi", "Filter";
    AuditMore => "Más antiguos", "Zaharragoak", "Older";
    AuditVerify => "Comprobar la cadena", "Katea egiaztatu", "Check the chain";
    AuditIntact => "La cadena está intacta: {n} entradas comprobadas.", "Katea osorik dago: {n} sarrera egiaztatuta.", "The chain is intact: {n} entries checked.";
    AuditBroken => "La cadena está rota a partir de la entrada {n}: el registro se ha alterado.", "Katea hautsita dago {n}. sarreratik aurrera: erregistroa aldatu egin da.", "The chain is broken from entry {n} on: the log has been altered.";
    OrgTabHistory => "Cambios", "Aldaketak", "Changes";
    PubCheckSpam => "¿No te llega? Mira en la carpeta de correo no deseado.", "Ez zaizu iristen? Begiratu spam karpetan.", "Nothing arrived? Look in your spam folder.";
    PubCentreConfirms => "Hemos recibido tu solicitud y te guardamos la plaza {n} minutos: el centro se pondrá en contacto contigo para confirmarla.", "Zure eskaera jaso dugu eta plaza {n} minutuz gordeko dizugu: zentroa zurekin harremanetan jarriko da berresteko.", "We have your request and hold the seat for {n} minutes: the centre will contact you to confirm it.";
    PubCentreConfirmsQueue => "Hemos recibido tu solicitud: el centro se pondrá en contacto contigo para apuntarte a la lista de espera.", "Zure eskaera jaso dugu: zentroa zurekin harremanetan jarriko da itxaron-zerrendan sartzeko.", "We have your request: the centre will contact you to put you on the waitlist.";
    PubConfirmTitle => "Confirma tu inscripción", "Berretsi zure izen-ematea", "Confirm your enrollment";
    PubConfirmIntro => "Pulsa el botón para confirmar tu plaza. Te la guardamos hasta las {time}.", "Sakatu botoia zure plaza berresteko. {time}ak arte gordeko dizugu.", "Press the button to confirm your seat. We hold it until {time}.";
    PubConfirmQueueIntro => "El taller está completo. Pulsa el botón antes de las {time} para entrar en la lista de espera.", "Tailerra beteta dago. Sakatu botoia {time}ak baino lehen itxaron-zerrendan sartzeko.", "The workshop is full. Press the button before {time} to join the waitlist.";
    PubConfirmButton => "Confirmar mi plaza", "Nire plaza berretsi", "Confirm my seat";
    PubConfirmQueueButton => "Entrar en la lista de espera", "Itxaron-zerrendan sartu", "Join the waitlist";
    PubAlreadyEnrolled => "Ya tenías plaza en este taller: no hace falta nada más.", "Bazenuen plaza tailer honetan: ez da beste ezer behar.", "You already had a place in this workshop: nothing more to do.";
    PubEnrollAgain => "Volver a inscribirme", "Berriz izena eman", "Enroll again";
    PubLinkUnknown => "Este enlace no es válido o ya no existe.", "Esteka hau ez da baliozkoa edo ez dago jada.", "This link is not valid or no longer exists.";
    ReqMailSubject => "Confirma tu inscripción: {workshop}", "Berretsi zure izen-ematea: {workshop}", "Confirm your enrollment: {workshop}";
    ReqMailIntro => "Hemos recibido una solicitud para inscribir esta dirección en «{workshop}» ({date}).", "Helbide hau «{workshop}» tailerrean ({date}) inskribatzeko eskaera jaso dugu.", "We received a request to enroll this address in “{workshop}” ({date}).";
    ReqMailHeld => "Te guardamos la plaza hasta las {time}. Para confirmarla, abre este enlace:", "Plaza {time}ak arte gordeko dizugu. Berresteko, ireki esteka hau:", "We hold the seat until {time}. To confirm it, open this link:";
    ReqMailQueue => "El taller está completo. Para entrar en la lista de espera, abre este enlace antes de las {time}:", "Tailerra beteta dago. Itxaron-zerrendan sartzeko, ireki esteka hau {time}ak baino lehen:", "The workshop is full. To join the waitlist, open this link before {time}:";
    ReqMailIgnore => "Si no has sido tú, ignora este mensaje: la solicitud caduca sola y no volveremos a escribirte por ella.", "Zu izan ez bazara, ez egin kasurik mezu honi: eskaera berez iraungiko da eta ez dizugu berriz idatziko horregatik.", "If this was not you, ignore this message: the request expires by itself and we will not write to you about it again.";
    WsRequests => "Pendientes de confirmar", "Berresteko zain", "Awaiting confirmation";
    WsRequestsHint => "Solicitudes del formulario público. Cada una guarda su plaza hasta la hora indicada; si nadie la confirma, la plaza vuelve a quedar libre.", "Formulario publikoko eskaerak. Bakoitzak bere plaza gordetzen du adierazitako ordura arte; inork berresten ez badu, plaza berriz libre geratzen da.", "Requests from the public form. Each holds its seat until the time shown; if nobody confirms it, the seat is free again.";
    WsRequestUntil => "hasta las {time}", "{time}ak arte", "until {time}";
    WsRequestQueue => "lista de espera", "itxaron-zerrenda", "waitlist";
    WsRequestConfirm => "Confirmar", "Berretsi", "Confirm";
    WsRequestDiscard => "Descartar", "Baztertu", "Discard";
    WsRequestConfirmed => "Inscripción de {name} confirmada.", "{name}(r)en izen-ematea berretsi da.", "{name}'s enrollment confirmed.";
    WsRequestDiscarded => "Solicitud descartada: la plaza vuelve a quedar libre.", "Eskaera baztertuta: plaza berriz libre dago.", "Request discarded: the seat is free again.";
    WsHeld => "{n} en reserva", "{n} erreserban", "{n} held";
    WsRequestedAt => "Solicitada", "Eskatua", "Requested";
    WsMailQueued => "correo en cola", "mezua ilaran", "email queued";
    WsMailSending => "enviando correo", "mezua bidaltzen", "sending email";
    WsMailSent => "correo enviado", "mezua bidalita", "email sent";
    WsMailFailed => "el correo no salió", "mezua ez da bidali", "email not sent";
    WsMailSkipped => "sin correo: confirmar por teléfono", "mezurik ez: telefonoz berretsi", "no email: confirm by phone";
    PubWaitlisted => "Estás en la lista de espera, puesto {n}. Te avisaremos si se libera una plaza.", "Itxaron-zerrendan zaude, {n}. postuan. Plaza bat libratzen bada abisatuko dizugu.", "You are on the waitlist, position {n}. We will let you know if a seat frees up.";

    // Texts of server-rendered pages and documents only (no island or browser code shows them):
    // left out of the WebAssembly, so a new page adds nothing to every page's download.
    @server
    InvTitleRectifying => "Factura rectificativa", "Faktura zuzentzailea", "Corrective invoice";
    InvNumber => "N.º de factura", "Faktura zk.", "Invoice no.";
    InvIssueDate => "Fecha de expedición", "Igorpen data", "Issue date";
    InvOperationDate => "Fecha de la operación", "Eragiketaren data", "Date of supply";
    InvDueDate => "Vencimiento", "Epemuga", "Due date";
    InvRecipient => "Destinatario", "Hartzailea", "Bill to";
    InvTaxId => "NIF", "IFZ", "Tax ID";
    InvRectifies => "Rectifica la factura {n} ({mode}).", "{n} faktura zuzentzen du ({mode}).", "Corrects invoice {n} ({mode}).";
    InvDiscount => "Dto.", "Desk.", "Disc.";
    InvVat => "IVA", "BEZ", "VAT";
    InvBase => "Base imponible", "Zerga-oinarria", "Taxable base";
    InvVatAmount => "Cuota de IVA", "BEZ kuota", "VAT amount";
    InvExempt => "Exenta", "Salbuetsia", "Exempt";
    InvPaidOn => "Pagada el {date} ({method}).", "Ordainduta: {date} ({method}).", "Paid on {date} ({method}).";
    InvPayTransfer => "Pago por transferencia a la cuenta {iban}", "Ordainketa transferentzia bidez, kontu honetara: {iban}", "Pay by bank transfer to {iban}";
    InvCancelledNotice => "Factura anulada: {reason}", "Faktura baliogabetua: {reason}", "Invoice cancelled: {reason}";
    InvDraftNotice => "Borrador: sin número ni validez fiscal", "Zirriborroa: zenbakirik eta balio fiskalik gabe", "Draft: no number, no fiscal validity";
    CollectUnpaid => "Pendiente de cobro", "Kobratzeko", "Unpaid";
    CollectPartial => "Cobrada en parte", "Partzialki kobratua", "Partly paid";
    CollectPaid => "Cobrada", "Kobratua", "Paid";
    CollectOverdue => "Vencida", "Epez kanpo", "Overdue";
    ProdNew => "Nuevo producto", "Produktu berria", "New product";
    ProdEdit => "Editar producto", "Produktua editatu", "Edit product";
    ProdSku => "Referencia (SKU)", "Erreferentzia (SKU)", "SKU";
    ProdSkuHint => "Letras, números, - _ o . (se guarda en mayúsculas).", "Letrak, zenbakiak, - _ edo . (letra larriz gordetzen da).", "Letters, digits, - _ or . (stored upper-cased).";
    ProdDescription => "Descripción", "Deskribapena", "Description";
    ProdPrice => "Precio sin IVA", "Prezioa BEZik gabe", "Price before VAT";
    ProdPriceWithVat => "Precio con IVA", "Prezioa BEZarekin", "Price with VAT";
    ProdStock => "Existencias", "Stocka", "In stock";
    ProdLowThreshold => "Aviso de pocas existencias (unidades)", "Stock gutxiko abisua (unitateak)", "Low-stock alert at (units)";
    ProdLowThresholdHint => "Con tantas o menos, se avisa a quien gestiona el catálogo.", "Horrenbeste edo gutxiago izatean, katalogoa kudeatzen duenari abisatzen zaio.", "At this many or fewer, whoever manages the catalogue is told.";
    ProdInitialStock => "Existencias iniciales", "Hasierako stocka", "Initial stock";
    ProdActive => "A la venta", "Salgai", "On sale";
    ProdWorkshops => "Talleres que lo incluyen (uno por participante)", "Barne hartzen duten tailerrak (parte-hartzaile bakoitzeko bat)", "Workshops that include it (one per participant)";
    ProdNoWorkshops => "No hay talleres próximos.", "Ez dago tailer hurbilik.", "No upcoming workshops.";
    ProdLow => "Pocas existencias", "Stock gutxi", "Low stock";
    ProdInactive => "Retirado", "Erretiratua", "Withdrawn";
    ProdFilterActive => "A la venta", "Salgai", "On sale";
    ProdFilterAll => "Todos", "Guztiak", "All";
    ProdEmpty => "No hay productos que mostrar.", "Ez dago erakusteko produkturik.", "No products to show.";
    ProdMoves => "Movimientos de existencias", "Stock-mugimenduak", "Stock moves";
    ProdNoMoves => "Todavía no hay movimientos.", "Oraindik ez dago mugimendurik.", "No moves yet.";
    ProdMoveKind => "Movimiento", "Mugimendua", "Move";
    ProdQuantity => "Unidades", "Unitateak", "Units";
    ProdQuantityHint => "Un ajuste puede ser negativo (-2: dos menos de las que constan).", "Doikuntza bat negatiboa izan daiteke (-2: agertzen direnak baino bi gutxiago).", "An adjustment may be negative (-2: two fewer than recorded).";
    ProdReason => "Motivo", "Arrazoia", "Reason";
    ProdReasonHint => "Obligatorio en un ajuste (recuento, rotura…).", "Derrigorrezkoa doikuntzan (zenbaketa, haustura…).", "Required for an adjustment (a count, breakage…).";
    ProdStockAfter => "Quedan", "Geratzen dira", "Left";
    ProdRecordMove => "Registrar movimiento", "Mugimendua erregistratu", "Record move";
    ProdMoveSaved => "Movimiento registrado.", "Mugimendua erregistratuta.", "Move recorded.";
    ProdSaved => "Producto guardado.", "Produktua gordeta.", "Product saved.";
    ProdKits => "Kits para los talleres", "Tailerretarako kitak", "Kits for workshops";
    ProdKitsNeeded => "Los próximos talleres necesitan {n} (uno por participante confirmado).", "Hurrengo tailerrek {n} behar dituzte (baieztatutako parte-hartzaile bakoitzeko bat).", "The upcoming workshops need {n} (one per confirmed participant).";
    ProdKitsShort => "Para cubrirlos faltan: {n}.", "Denak estaltzeko falta direnak: {n}.", "Short of covering them by {n}.";
    ProdSearch => "Buscar por referencia o nombre", "Bilatu erreferentziaz edo izenez", "Search by SKU or name";
    SaleProduct => "Producto", "Produktua", "Product";
    SaleChooseProduct => "— Elige un producto —", "— Aukeratu produktu bat —", "— Choose a product —";
    SaleLeft => "quedan {n}", "{n} geratzen dira", "{n} left";
    SaleInvoiceKind => "Factura", "Faktura", "Invoice";
    SaleFullHint => "Una factura completa lleva el nombre, NIF y dirección del cliente: elígelo o escríbelos.", "Faktura osoak bezeroaren izena, IFZ eta helbidea ditu: aukeratu edo idatzi.", "A full invoice names the client's name, tax id and address: choose the client or type them.";
    SaleFullInvoice => "Factura completa", "Faktura osoa", "Full invoice";
    SaleSubmit => "Cobrar y emitir factura", "Kobratu eta faktura igorri", "Charge and issue the invoice";
    SaleToday => "Ventas de hoy", "Gaurko salmentak", "Today's sales";
    SaleTodayEmpty => "Todavía no hay ventas hoy.", "Gaur oraindik ez dago salmentarik.", "No sales yet today.";
    SaleTodayTotal => "Total del día", "Eguneko guztira", "Day's total";
    SaleDone => "Venta registrada", "Salmenta erregistratuta", "Sale recorded";
    SaleNew => "Nueva venta", "Salmenta berria", "New sale";
    SaleNoProducts => "No hay productos a la venta.", "Ez dago salgai dagoen produkturik.", "No products on sale.";
    SaleNoIssuer => "Para vender hace falta una empresa emisora de facturas.", "Saltzeko faktura-igorle bat behar da.", "Selling needs an invoice issuer.";
    SaleItems => "Artículos", "Artikuluak", "Items";
    SaleSeeInvoice => "Ver la factura", "Faktura ikusi", "See the invoice";
    SaleInvoiceDescription => "Venta en mostrador", "Salmenta mostradorean", "Counter sale";
    NotifLowStock => "Quedan pocas existencias: {name}", "Stock gutxi geratzen da: {name}", "Low on stock: {name}";
    NotifLowStockBody => "{sku}: quedan {n} en stock.", "{sku}: {n} geratzen dira stockean.", "{sku}: {n} left in stock.";
    StockReceived => "Entrada", "Sarrera", "Received";
    StockSold => "Venta", "Salmenta", "Sold";
    StockAdjusted => "Ajuste de inventario", "Inbentario-doikuntza", "Stock adjustment";
    StockReturned => "Devolución", "Itzulketa", "Returned";
    BillExport => "Exportar para la gestoría", "Gestoriarako esportatu", "Export for the accountant";
    BillExportHint => "El libro registro de facturas expedidas por fecha de expedición (CSV o Excel) y los PDF de esas facturas.", "Igorritako fakturen erregistro-liburua igorpen-dataren arabera (CSV edo Excel) eta faktura horien PDFak.", "The issued-invoices book by issue date (CSV or Excel) and those invoices' PDFs.";
    BillExportCsv => "Libro en CSV", "Liburua CSVn", "Book as CSV";
    BillExportXlsx => "Libro en Excel", "Liburua Excelen", "Book as Excel";
    BillExportZip => "PDF de las facturas (ZIP)", "Fakturen PDFak (ZIP)", "Invoice PDFs (ZIP)";
    BillNewInvoice => "Nueva factura", "Faktura berria", "New invoice";
    BillEditDraft => "Editar borrador", "Zirriborroa editatu", "Edit draft";
    BillEmpty => "Aún no hay facturas.", "Oraindik ez dago fakturarik.", "No invoices yet.";
    BillNoIssuer => "Antes de facturar, da de alta la empresa que emite las facturas.", "Fakturatu aurretik, erregistratu fakturak igortzen dituen enpresa.", "Before invoicing, add the company that issues the invoices.";
    BillAll => "Todas", "Guztiak", "All";
    BillIssuer => "Emisor", "Igorlea", "Issuer";
    BillKind => "Tipo de factura", "Faktura mota", "Invoice type";
    BillRegime => "Sistema de registro", "Erregistro sistema", "Recording system";
    BillIban => "IBAN para transferencias", "Transferentzietarako IBANa", "IBAN for transfers";
    BillSeries => "Series", "Serieak", "Series";
    BillSeriesCode => "Código de serie", "Seriearen kodea", "Series code";
    BillNextNumber => "Siguiente número", "Hurrengo zenbakia", "Next number";
    BillAddSeries => "Añadir serie", "Seriea gehitu", "Add series";
    BillNewIssuer => "Nuevo emisor", "Igorle berria", "New issuer";
    BillIssuerSaved => "Emisor guardado", "Igorlea gordeta", "Issuer saved";
    BillQueueNotice => "Los registros Veri*Factu se guardan encadenados y quedan en cola: para enviarlos a la AEAT hace falta el certificado electrónico de la empresa, que aún no está configurado.", "Veri*Factu erregistroak kateatuta gordetzen dira eta ilaran geratzen dira: AEATra bidaltzeko enpresaren ziurtagiri elektronikoa behar da, eta oraindik ez dago konfiguratuta.", "Veri*Factu records are kept chained and wait in a queue: sending them to the AEAT needs the company's electronic certificate, which is not configured yet.";
    BillRecipientName => "Nombre o razón social", "Izena edo izen soziala", "Name or legal name";
    BillRecipientTaxId => "NIF del destinatario", "Hartzailearen IFZ", "Recipient's tax ID";
    BillRecipientHint => "Si eliges un cliente, lo que dejes vacío se toma de su ficha.", "Bezero bat aukeratzen baduzu, hutsik uzten duzuna bere fitxatik hartzen da.", "If you pick a client, whatever you leave empty is taken from its record.";
    BillClient => "Cliente", "Bezeroa", "Client";
    BillNoClient => "— Sin cliente en la ficha —", "— Fitxako bezerorik gabe —", "— No client on record —";
    BillLanguage => "Idioma de la factura", "Fakturaren hizkuntza", "Invoice language";
    BillDescription => "Descripción de la operación", "Eragiketaren deskribapena", "Description of the operation";
    BillLines => "Conceptos", "Kontzeptuak", "Lines";
    BillLinesHint => "Con horas, el precio es por hora; sin horas, por unidad. IVA: «exenta» para la formación.", "Orduekin, prezioa orduko da; ordurik gabe, unitateko. BEZa: «salbuetsia» prestakuntzarako.", "With hours the price is per hour; without, per unit. VAT: “exempt” for training.";
    BillSaveDraft => "Guardar borrador", "Zirriborroa gorde", "Save draft";
    BillDraftSaved => "Borrador guardado", "Zirriborroa gordeta", "Draft saved";
    BillIssue => "Emitir factura", "Faktura igorri", "Issue invoice";
    BillIssueHint => "Al emitirla recibe su número y su registro Veri*Factu encadenado; después ya no se puede modificar.", "Igortzean zenbakia eta Veri*Factu erregistro kateatua jasotzen ditu; gero ezin da aldatu.", "Issuing gives it its number and its chained Veri*Factu record; it cannot change afterwards.";
    BillIssued => "Factura emitida", "Faktura igorria", "Invoice issued";
    BillCancel => "Anular factura", "Faktura baliogabetu", "Cancel invoice";
    BillCancelHint => "La anulación queda registrada (registro de anulación); la factura conserva su número.", "Baliogabetzea erregistratuta geratzen da; fakturak bere zenbakia gordetzen du.", "The cancellation is recorded (a cancellation record); the invoice keeps its number.";
    BillReason => "Motivo", "Arrazoia", "Reason";
    BillRectify => "Rectificar", "Zuzendu", "Rectify";
    BillRectifyMode => "Modo", "Modua", "Mode";
    BillRecordPayment => "Registrar cobro", "Kobrantza erregistratu", "Record payment";
    BillPaymentSaved => "Cobro registrado", "Kobrantza erregistratuta", "Payment recorded";
    BillAmount => "Importe", "Zenbatekoa", "Amount";
    BillPaidOn => "Fecha de cobro", "Kobratze data", "Date received";
    BillPayments => "Cobros", "Kobrantzak", "Payments";
    BillOutstanding => "Pendiente", "Ordaintzeko", "Outstanding";
    BillPdf => "Descargar PDF", "PDFa deskargatu", "Download PDF";
    BillRecordXml => "Registro Veri*Factu (XML)", "Veri*Factu erregistroa (XML)", "Veri*Factu record (XML)";
    BillRecords => "Registros fiscales", "Erregistro fiskalak", "Fiscal records";
    BillRecordKind => "Registro", "Erregistroa", "Record";
    BillFingerprint => "Huella", "Hatz-marka", "Fingerprint";
    BillGeneratedAt => "Generado", "Sortua", "Generated";
    BillChainPlace => "N.º en la cadena", "Kateko zk.", "Place in chain";
    RegimeVerifactu => "Veri*Factu (AEAT)", "Veri*Factu (AEAT)", "Veri*Factu (AEAT)";
    RegimeTicketbai => "TicketBAI (Haciendas forales)", "TicketBAI (Foru Ogasunak)", "TicketBAI (Basque treasuries)";
    SeriesOrdinary => "Facturas completas", "Faktura osoak", "Full invoices";
    SeriesSimplified => "Facturas simplificadas", "Faktura erraztuak", "Simplified invoices";
    SeriesRectifying => "Facturas rectificativas", "Faktura zuzentzaileak", "Rectifying invoices";
    InvoiceDraft => "Borrador", "Zirriborroa", "Draft";
    InvoiceIssued => "Emitida", "Igorria", "Issued";
    InvoiceCancelled => "Anulada", "Baliogabetua", "Cancelled";
    InvoiceKindF1 => "Factura", "Faktura", "Invoice";
    InvoiceKindF2 => "Factura simplificada", "Faktura erraztua", "Simplified invoice";
    InvoiceKindR1 => "Rectificativa (error fundado en derecho, art. 80 Uno, Dos y Seis LIVA)", "Zuzentzailea (zuzenbidezko akatsa, BEZLaren 80. art. Bat, Bi eta Sei)", "Rectifying (error in law, art. 80.1, 80.2, 80.6 VAT Act)";
    InvoiceKindR2 => "Rectificativa (concurso de acreedores, art. 80 Tres LIVA)", "Zuzentzailea (hartzekodunen konkurtsoa, BEZLaren 80. art. Hiru)", "Rectifying (insolvency, art. 80.3 VAT Act)";
    InvoiceKindR3 => "Rectificativa (créditos incobrables, art. 80 Cuatro LIVA)", "Zuzentzailea (kobraezinak, BEZLaren 80. art. Lau)", "Rectifying (bad debts, art. 80.4 VAT Act)";
    InvoiceKindR4 => "Rectificativa (resto de causas)", "Zuzentzailea (gainerako arrazoiak)", "Rectifying (other causes)";
    InvoiceKindR5 => "Rectificativa de factura simplificada", "Faktura erraztuaren zuzentzailea", "Rectifying a simplified invoice";
    RectifyBySubstitution => "Por sustitución", "Ordezkapenez", "By substitution";
    RectifyByDifference => "Por diferencias", "Diferentziaz", "By difference";
    RecordAlta => "Alta", "Alta", "Issue";
    RecordAnulacion => "Anulación", "Baliogabetzea", "Cancellation";
    RecordPending => "Pendiente de envío", "Bidaltzeko zain", "Waiting to be sent";
    RecordAccepted => "Aceptado por la AEAT", "AEATk onartua", "Accepted by the AEAT";
    RecordAcceptedWithErrors => "Aceptado con errores", "Akatsekin onartua", "Accepted with errors";
    RecordRejected => "Rechazado por la AEAT", "AEATk baztertua", "Rejected by the AEAT";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_a_text_in_every_language() {
        for m in Msg::ALL {
            for l in Locale::ALL {
                assert!(!m.text(l).trim().is_empty(), "{m:?} is empty in {l:?}");
            }
        }
    }

    #[test]
    fn placeholders_appear_in_every_language() {
        for m in Msg::ALL {
            for ph in ["{n}", "{name}", "{total}", "{date}", "{from}", "{to}"] {
                let in_es = m.text(Locale::Es).contains(ph);
                for l in Locale::ALL {
                    assert_eq!(m.text(l).contains(ph), in_es, "{m:?} {ph} in {l:?}");
                }
            }
        }
    }

    #[test]
    fn accept_language_picks_the_best_supported_language() {
        assert_eq!(Locale::from_accept_language("fr-FR,eu;q=0.8,en;q=0.5"), Some(Locale::Eu));
        assert_eq!(Locale::from_accept_language("en-GB,es;q=0.9"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("de,fr"), None);
        assert_eq!(Locale::parse("es-ES"), Some(Locale::Es));
    }
}
