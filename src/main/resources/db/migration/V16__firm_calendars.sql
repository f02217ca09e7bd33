-- Each firm's calendar: time zone, working days, the time of day a day-based due date falls at, reminder stages and
-- the escalation delay (docs/decisions.md, "Deadlines"). A firm without a row has the defaults of CalendarProperties.
-- version grows with every change of the calendar or its holidays: each computed due date records the one it used.
create table firm_calendars (
    org_id                    uuid primary key references organizations (id),
    time_zone                 varchar(64) not null,
    working_days              varchar(80) not null,
    close_of_business         varchar(5) not null,
    reminder_stages           varchar(200) not null,
    escalation_business_days  integer not null,
    version                   bigint not null,
    updated_by                uuid,
    updated_at                timestamp with time zone,
    constraint ck_firm_calendars_escalation check (escalation_business_days between 0 and 60)
);

create table firm_holidays (
    org_id        uuid not null references organizations (id),
    holiday_date  date not null,
    name          varchar(200) not null,
    primary key (org_id, holiday_date)
);
