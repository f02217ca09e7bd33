package io.matterflow.api;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.Instances;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.Templates;
import tools.jackson.databind.json.JsonMapper;

/** Fixtures and helpers shared by the HTTP API tests: firms, published templates, instances, row snapshots. */
abstract class ApiTestSupport {

    static final String PASSWORD = "pw";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Workflows workflows;

    TestFirm firm() {
        return TestFirm.create(directory);
    }

    static RequestPostProcessor as(UserAccount user) {
        return httpBasic(user.email(), PASSWORD);
    }

    static MockHttpServletRequestBuilder jsonRequest(MockHttpServletRequestBuilder builder, Object body) {
        return builder.contentType(MediaType.APPLICATION_JSON).content(json(body));
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString();
    }

    static <T> T read(MvcResult result, String path) throws Exception {
        return JsonPath.read(body(result), path);
    }

    static UUID id(MvcResult result, String path) throws Exception {
        return UUID.fromString(read(result, path));
    }

    /**
     * What the firm has written: row counts of templates, instances, instance steps, audit events and API tokens (and
     * of revoked ones), a digest of every instance's and step's status, title, order and version, and of every
     * matter's details, status and team (with the changes recorded for other nodes' caches), and of the firm's calendar
     * and holidays, so that refused updates
     * are caught as well as refused inserts.
     */
    Map<String, Object> written(UUID orgId) {
        return Map.ofEntries(
                Map.entry("templates", count("select count(*) from workflow_templates where org_id = ?", orgId)),
                Map.entry("instances", count("select count(*) from workflow_instances where org_id = ?", orgId)),
                Map.entry("steps", count("select count(*) from workflow_instance_steps where org_id = ?", orgId)),
                Map.entry("audit", count("select count(*) from audit_events where org_id = ?", orgId)),
                Map.entry("tokens", count("select count(*) from api_tokens where org_id = ?", orgId)),
                Map.entry("documents", count("select count(*) from documents where org_id = ?", orgId)),
                Map.entry("revokedTokens", count("select count(*) from api_tokens where org_id = ?"
                        + " and revoked_at is not null", orgId)),
                Map.entry("instanceDigest", digest("select id || ':' || status || ':' || title || ':' || version"
                        + " from workflow_instances where org_id = ? order by id", orgId)),
                Map.entry("stepDigest", digest("select id || ':' || action_state || ':' || title || ':' || step_order"
                        + " || ':' || coalesce(cast(assigned_to_id as varchar), '-') || ':'"
                        + " || version from workflow_instance_steps where org_id = ? order by id", orgId)),
                Map.entry("templateDigest", digest("select id || ':' || name || ':' || version || ':' || is_active"
                        + " || ':' || lock_version from workflow_templates where org_id = ? order by id", orgId)),
                Map.entry("matterDigest", digest("select id || ':' || reference || ':' || title || ':' || owner_id"
                        + " || ':' || coalesce(cast(client_id as varchar), '-') || ':' || status || ':'"
                        + " || coalesce(cast(closed_at as varchar), '-') || ':' || version"
                        + " from matters where org_id = ? order by id", orgId)),
                Map.entry("memberDigest", digest("select mm.matter_id || ':' || mm.user_id || ':' || mm.role"
                        + " from matter_members mm join matters m on m.id = mm.matter_id where m.org_id = ?"
                        + " order by 1", orgId)),
                Map.entry("matterChanges", count("select count(*) from matter_changes c join matters m"
                        + " on m.id = c.matter_id where m.org_id = ?", orgId)),
                Map.entry("calendarDigest", digest("select version || ':' || time_zone || ':' || working_days"
                        + " from firm_calendars where org_id = ?", orgId)),
                Map.entry("holidayDigest", digest("select holiday_date || ':' || name from firm_holidays"
                        + " where org_id = ? order by holiday_date", orgId)));
    }

    private long count(String sql, UUID orgId) {
        Long n = jdbc.queryForObject(sql, Long.class, orgId);
        return n == null ? 0 : n;
    }

    private String digest(String sql, UUID orgId) {
        return String.join(",", jdbc.queryForList(sql, String.class, orgId));
    }
}
