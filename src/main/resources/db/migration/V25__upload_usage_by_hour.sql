-- What each person uploaded, by the hour (matterflow.documents.max-bytes-per-user-per-day): the daily limit sums the
-- person's last 25 hours here, at most 25 rows, instead of reading every document the person uploaded in the last
-- day (thousands for a client or a program that uploads all day). hour_start is the UTC hour, in microseconds since
-- the epoch, so that the arithmetic reads the same on PostgreSQL and H2. A person's rows older than the window are
-- deleted when that person next uploads, so each person keeps at most 25.
create table upload_usage (
    user_id    uuid   not null references users (id),
    hour_start bigint not null,
    bytes      bigint not null,
    primary key (user_id, hour_start)
);

-- The uploads of the last 25 hours, so that the limit holds across the upgrade.
insert into upload_usage (user_id, hour_start, bytes)
select uploaded_by_id, hour_start, sum(size_bytes)
from (select uploaded_by_id, size_bytes,
             cast(extract(epoch from date_trunc('hour', uploaded_at)) as bigint) * 1000000 as hour_start
      from documents
      where uploaded_at > current_timestamp - interval '25' hour) recent
group by uploaded_by_id, hour_start;
