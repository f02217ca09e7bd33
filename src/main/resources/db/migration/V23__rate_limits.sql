-- Sign-in and password-reset limits (matterflow.security.login.*, matterflow.people.reset-requests.*), shared by every
-- node and kept across restarts. Times are microseconds since the epoch, so that the arithmetic reads the same on
-- PostgreSQL and H2. Housekeeping deletes a row once it can refuse nothing any more (forget_at).

-- A budget of attempts (a token bucket): what has been spent, as of updated_at; it is earned back evenly over the
-- configured window. scope names the limit (sign-in per address, reset requests per address or per email).
create table rate_limit_budgets (
    scope      varchar(32)      not null,
    subject    varchar(320)     not null,
    spent      double precision not null,
    updated_at bigint           not null,
    forget_at  bigint           not null,
    primary key (scope, subject)
);
create index ix_rate_limit_budgets_forget on rate_limit_budgets (forget_at);

-- Failed sign-ins per email (canonical form) within the current window, and the lockout they led to.
create table sign_in_failures (
    email        varchar(320) primary key,
    window_start bigint  not null,
    failures     integer not null,
    locked_until bigint,
    forget_at    bigint  not null
);
create index ix_sign_in_failures_forget on sign_in_failures (forget_at);
