package io.matterflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.common.Json;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.StepRuntime;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;

/**
 * Whatever a client sends, the answer is a problem detail with a status below 500 — 400 naming the failing field,
 * 401, 404, 405, 413, 415 — and nothing is written.
 */
@PostgresTest
@AutoConfigureMockMvc
class BadInputTests extends ApiTestSupport {

    private static final String JSON_TYPE = MediaType.APPLICATION_JSON_VALUE;
    private static final String STEP = "{'title':'S','actionType':'CHECKLIST','roleScope':'PARALEGAL'}";

    @Autowired
    StepRuntime runtime;

    enum Who { ADMIN, OWNER, CLIENT, NOBODY, WRONG_PASSWORD, UNKNOWN_TOKEN }

    /**
     * One bad request. {@code path} may name the fixture's ids: {template}, {instance}, {approval} (an IN_PROGRESS
     * approval of the owner), {doc} (a READY document request of the client accepting PDFs), {pending} (a PENDING
     * checklist), {matter}. {@code field} is the field a 400 must name; "" for the body as a whole.
     */
    record Case(String name, HttpMethod method, String path, String body, String contentType, Who who, int status,
                String field, Map<String, String> headers, MockMultipartFile file) {

        Case as(Who caller) {
            return new Case(name, method, path, body, contentType, caller, status, field, headers, file);
        }

        Case type(String type) {
            return new Case(name, method, path, body, type, who, status, field, headers, file);
        }

        Case header(String header, String value) {
            var all = new LinkedHashMap<>(headers);
            all.put(header, value);
            return new Case(name, method, path, body, contentType, who, status, field, all, file);
        }

        Case file(MockMultipartFile upload) {
            return new Case(name, method, path, body, null, who, status, field, headers, upload);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The firm, its instance (document request READY, approval IN_PROGRESS, checklist PENDING) and template. */
    record Fixture(TestFirm firm, InstanceDetails instance) {
    }

    // ---------------------------------------------------------------------------------------------- the tests

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseMalformedJson(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseMalformedJson() {
        return Stream.of(
                c("template create, truncated", "POST", "/api/workflows/templates", "{'name':'x','steps':[", 400, ""),
                c("template create, empty body", "POST", "/api/workflows/templates", "", 400, ""),
                c("template create, an array", "POST", "/api/workflows/templates", "[]", 400, ""),
                c("template create, a string", "POST", "/api/workflows/templates", "'template'", 400, ""),
                c("template edit, missing value", "PATCH", "/api/workflows/templates/{template}", "{'name': }", 400, ""),
                c("template import, truncated", "POST", "/api/workflows/templates/import", "{'schema':'matterflow.template/1','steps':[", 400, ""),
                c("template import, an array", "POST", "/api/workflows/templates/import", "[]", 400, ""),
                c("template import, a string", "POST", "/api/workflows/templates/import", "'matterflow.template/1'", 400, ""),
                c("instantiate, not JSON", "POST", "/api/workflows/templates/{template}/instantiate", "matter please",
                        400, ""),
                c("instance edit, unclosed", "PATCH", "/api/workflows/instances/{instance}", "{'title':'x'", 400, ""),
                c("add step, stray comma", "POST", "/api/workflows/instances/{instance}/steps", "{,}", 400, ""),
                c("edit step, single quotes", "PATCH", "/api/workflows/instances/{instance}/steps/{pending}",
                        "{\\'title\\': 1}", 400, ""),
                c("complete, bad literal", "POST", "/api/workflows/steps/{approval}/complete", "{'approved': tru}",
                        400, ""),
                c("fail, no body", "POST", "/api/workflows/steps/{approval}/fail", "", 400, ""),
                c("block, truncated", "POST", "/api/workflows/steps/{approval}/block", "{'reason'", 400, ""),
                c("open matter, truncated", "POST", "/api/matters", "{'reference':", 400, ""),
                c("members, unclosed array", "PUT", "/api/matters/{matter}/members", "{'members':[", 400, ""),
                c("matter edit, truncated", "PATCH", "/api/matters/{matter}", "{'title':", 400, ""),
                c("matter edit, an array", "PATCH", "/api/matters/{matter}", "[{'status':'CLOSED'}]", 400, ""),
                c("API token, truncated", "POST", "/api/me/tokens", "{'name':", 400, ""),
                c("API token, a string", "POST", "/api/me/tokens", "'CI script'", 400, ""),
                c("payload nested 3000 levels deep", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':true,'x':" + deep(3000) + "}", 400, "x"),
                c("config nested 3000 levels deep", "POST", "/api/workflows/templates",
                        template(step("CHECKLIST", "LAWYER", "{'items':" + deep(3000) + "}")), 400, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseWrongTypes(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseWrongTypes() {
        return Stream.of(
                c("template name a number", "POST", "/api/workflows/templates", "{'name':5,'steps':[]}", 400, "name"),
                c("template description a boolean", "POST", "/api/workflows/templates",
                        "{'name':'x','description':true,'steps':[]}", 400, "description"),
                c("template steps a string", "POST", "/api/workflows/templates", "{'name':'x','steps':'none'}", 400,
                        "steps"),
                c("template step a number", "POST", "/api/workflows/templates", "{'name':'x','steps':[5]}", 400,
                        "steps[0]"),
                c("template step required a string", "POST", "/api/workflows/templates",
                        template("{'title':'S','actionType':'CHECKLIST','roleScope':'LAWYER','required':'yes'}"), 400,
                        "steps[0].required"),
                c("template step config a string", "POST", "/api/workflows/templates",
                        template("{'title':'S','actionType':'CHECKLIST','roleScope':'LAWYER','actionConfig':'x'}"),
                        400, "steps[0].actionConfig"),
                c("template import steps a string", "POST", "/api/workflows/templates/import", imported("'none'"), 400, "steps"),
                c("template import step required a string", "POST", "/api/workflows/templates/import",
                        imported("[{'title':'S','actionType':'CHECKLIST','roleScope':'LAWYER','required':'yes'}]"),
                        400, "steps[0].required"),
                c("template import sourceVersion a string", "POST", "/api/workflows/templates/import",
                        "{'schema':'matterflow.template/1','name':'x','sourceVersion':'1','steps':[" + STEP + "]}",
                        400, "sourceVersion"),
                c("template export version a word", "GET", "/api/workflows/templates/{template}/export?version=abc",
                        null, 400, "version"),
                c("template export of a version it does not have", "GET",
                        "/api/workflows/templates/{template}/export?version=7", null, 400, "version"),
                c("template isActive a string", "PATCH", "/api/workflows/templates/{template}", "{'isActive':'false'}",
                        400, "isActive"),
                c("template isActive a number", "PATCH", "/api/workflows/templates/{template}", "{'isActive':0}",
                        400, "isActive"),
                c("matterId not a UUID", "POST", "/api/workflows/templates/{template}/instantiate",
                        "{'matterId':'matter-1'}", 400, "matterId"),
                c("matterId a number", "POST", "/api/workflows/templates/{template}/instantiate", "{'matterId':5}",
                        400, "matterId"),
                c("activate a string", "POST", "/api/workflows/templates/{template}/instantiate",
                        "{'matterId':'{matter}','activate':'true'}", 400, "activate"),
                c("version a string", "POST", "/api/workflows/templates/{template}/instantiate",
                        "{'matterId':'{matter}','version':'1'}", 400, "version"),
                c("version out of range", "POST", "/api/workflows/templates/{template}/instantiate",
                        "{'matterId':'{matter}','version':99999999999}", 400, "version"),
                c("version a fraction", "POST", "/api/workflows/templates/{template}/instantiate",
                        "{'matterId':'{matter}','version':1.5}", 400, "version"),
                c("instance title a boolean", "PATCH", "/api/workflows/instances/{instance}", "{'title':false}", 400,
                        "title"),
                c("instance status a number", "PATCH", "/api/workflows/instances/{instance}", "{'status':1}", 400,
                        "status"),
                c("added step order a string", "POST", "/api/workflows/instances/{instance}/steps",
                        "{'title':'S','actionType':'CHECKLIST','roleScope':'LAWYER','order':'1'}", 400, "order"),
                c("added step required a string", "POST", "/api/workflows/instances/{instance}/steps",
                        "{'title':'S','actionType':'CHECKLIST','roleScope':'LAWYER','required':'no'}", 400,
                        "required"),
                c("edited step order out of range", "PATCH", "/api/workflows/instances/{instance}/steps/{pending}",
                        "{'order':99999999999}", 400, "order"),
                c("edited step order a fraction", "PATCH", "/api/workflows/instances/{instance}/steps/{pending}",
                        "{'order':1.5}", 400, "order"),
                c("approved a string", "POST", "/api/workflows/steps/{approval}/complete", "{'approved':'yes'}", 400,
                        "approved"),
                c("approved a number", "POST", "/api/workflows/steps/{approval}/complete", "{'approved':1}", 400,
                        "approved"),
                c("comment a number", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':true,'comment':5}", 400, "comment"),
                c("reason a number", "POST", "/api/workflows/steps/{approval}/fail", "{'reason':5}", 400, "reason"),
                c("reason an array", "POST", "/api/workflows/steps/{approval}/block", "{'reason':['x']}", 400,
                        "reason"),
                c("matter ownerId not a UUID", "POST", "/api/matters",
                        "{'reference':'R-1','title':'T','ownerId':'me'}", 400, "ownerId"),
                c("matter status a number", "PATCH", "/api/matters/{matter}", "{'status':1}", 400, "status"),
                c("matter status unknown", "PATCH", "/api/matters/{matter}", "{'status':'ARCHIVED'}", 400,
                        "status"),
                c("cancelActiveWorkflows a string", "PATCH", "/api/matters/{matter}",
                        "{'status':'CLOSED','cancelActiveWorkflows':'true'}", 400, "cancelActiveWorkflows"),
                c("matter clientId a number", "PATCH", "/api/matters/{matter}", "{'clientId':5}", 400, "clientId"),
                c("matter clientId an object", "PATCH", "/api/matters/{matter}", "{'clientId':{}}", 400,
                        "clientId"),
                c("matter ownerId a boolean", "PATCH", "/api/matters/{matter}", "{'ownerId':true}", 400, "ownerId"),
                c("matter title a number", "PATCH", "/api/matters/{matter}", "{'title':5}", 400, "title"),
                c("member userId not a UUID", "PUT", "/api/matters/{matter}/members",
                        "{'members':[{'userId':'x','role':'LAWYER'}]}", 400, "members[0].userId"),
                c("API token name a number", "POST", "/api/me/tokens", "{'name':5}", 400, "name"),
                c("API token expiresInDays a word", "POST", "/api/me/tokens", "{'name':'x','expiresInDays':'x'}", 400,
                        "expiresInDays"),
                c("API token expiresInDays a numeric string", "POST", "/api/me/tokens",
                        "{'name':'x','expiresInDays':'30'}", 400, "expiresInDays"),
                c("API token expiresInDays a fraction", "POST", "/api/me/tokens",
                        "{'name':'x','expiresInDays':1.5}", 400, "expiresInDays"),
                c("API token expiresInDays 0", "POST", "/api/me/tokens", "{'name':'x','expiresInDays':0}", 400,
                        "expiresInDays"),
                c("API token expiresInDays 366", "POST", "/api/me/tokens", "{'name':'x','expiresInDays':366}", 400,
                        "expiresInDays"),
                c("API token expiresInDays out of range", "POST", "/api/me/tokens",
                        "{'name':'x','expiresInDays':99999999999}", 400, "expiresInDays"));
    }

    /**
     * Numbers no decimal can hold plainly (penetration test, issue 16, finding 6): a huge or tiny exponent is a 400
     * naming the field wherever a body carries a number — payloads, action configs, typed fields — never a 500 when
     * the value is written or compared.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseNumbersOutOfRange(Case c) throws Exception {
        String body = check(c);
        List<Map<String, String>> errors = JsonPath.read(body, "$.errors");
        assertThat(errors).as("errors of %s: %s", c, body)
                .anySatisfy(e -> assertThat(e).containsEntry("field", c.field())
                        .containsEntry("message", Json.OUT_OF_RANGE));
    }

    static Stream<Case> shouldRefuseNumbersOutOfRange() {
        return Stream.of(
                c("payload field with a huge exponent", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':true,'comment':'ok','x':1e999999999}", 400, "x"),
                c("payload decision with a huge exponent", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':1e999999999}", 400, "approved"),
                c("payload field with a tiny exponent", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':true,'comment':-1e-999999999}", 400, "comment"),
                c("nested payload number", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':true,'x':{'y':[1,1E+999999999]}}", 400, "x"),
                c("exponent beyond an int", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':true,'x':1e2147483648}", 400, "x"),
                config("payment amount with a huge exponent", "PAYMENT_CLIENT", "CLIENT",
                        "{'amount':1e999999999,'currency':'USD'}", "amount"),
                config("payment amount with a tiny exponent", "PAYMENT_CLIENT", "CLIENT",
                        "{'amount':1e-999999999,'currency':'USD'}", "amount"),
                config("payment amount just past the limit", "PAYMENT_CLIENT", "CLIENT",
                        "{'amount':1E+1001,'currency':'USD'}", "amount"),
                c("payment amount of a step added to an instance", "POST", "/api/workflows/instances/{instance}/steps",
                        step("PAYMENT_CLIENT", "CLIENT", "{'amount':1e999999999,'currency':'EUR'}"), 400,
                        "actionConfig.amount"),
                c("number in the config of an instance step", "PATCH",
                        "/api/workflows/instances/{instance}/steps/{pending}",
                        "{'actionConfig':{'items':['a'],'n':1e999999999}}", 400, "actionConfig.n"),
                c("payment amount in a template's draft steps", "PATCH", "/api/workflows/templates/{template}",
                        "{'steps':[" + step("PAYMENT_CLIENT", "CLIENT", "{'amount':9e999999999,'currency':'EUR'}")
                                + "]}", 400, "steps[0].actionConfig.amount"),
                config("number in a checklist config", "CHECKLIST", "PARALEGAL", "{'items':['a'],'n':-9E-999999999}",
                        "n"));
    }

    /** Integer fields refuse any fraction or exponent, and a number longer than JSON's limit is malformed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseHugeNumbersWhereIntegersBelong(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseHugeNumbersWhereIntegersBelong() {
        return Stream.of(
                c("template version", "POST", "/api/workflows/templates/{template}/instantiate",
                        "{'matterId':'{matter}','version':1e999999999}", 400, "version"),
                c("step order", "PATCH", "/api/workflows/instances/{instance}/steps/{pending}",
                        "{'order':1e999999999}", 400, "order"),
                c("API token expiresInDays", "POST", "/api/me/tokens", "{'name':'x','expiresInDays':1e999999999}",
                        400, "expiresInDays"),
                c("1001 digits", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':true,'x':1" + "0".repeat(1000) + "}", 400, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseUnknownEnumValues(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseUnknownEnumValues() {
        return Stream.of(
                c("template step actionType", "POST", "/api/workflows/templates",
                        template("{'title':'S','actionType':'FAX','roleScope':'LAWYER'}"), 400, "steps[0].actionType"),
                c("template step of a type no handler is registered for", "POST", "/api/workflows/templates",
                        template("{'title':'S','actionType':'NOTARIZATION_LAWYER','roleScope':'LAWYER'}"), 400,
                        "steps[0].actionType"),
                c("template step actionType in lower case", "POST", "/api/workflows/templates",
                        template("{'title':'S','actionType':'checklist','roleScope':'LAWYER'}"), 400,
                        "steps[0].actionType"),
                c("template step roleScope", "POST", "/api/workflows/templates",
                        template("{'title':'S','actionType':'CHECKLIST','roleScope':'JUDGE'}"), 400,
                        "steps[0].roleScope"),
                c("template import schema", "POST", "/api/workflows/templates/import",
                        "{'schema':'matterflow.template/2','name':'x','steps':[" + STEP + "]}", 400, "schema"),
                c("template import step actionType", "POST", "/api/workflows/templates/import",
                        imported("[{'title':'S','actionType':'FAX','roleScope':'LAWYER'}]"), 400,
                        "steps[0].actionType"),
                c("instance status", "PATCH", "/api/workflows/instances/{instance}", "{'status':'DONE'}", 400,
                        "status"),
                c("added step actionType", "POST", "/api/workflows/instances/{instance}/steps",
                        "{'title':'S','actionType':'EMAIL','roleScope':'LAWYER'}", 400, "actionType"),
                c("added step roleScope", "POST", "/api/workflows/instances/{instance}/steps",
                        "{'title':'S','actionType':'CHECKLIST','roleScope':'OWNER'}", 400, "roleScope"),
                c("edited step roleScope", "PATCH", "/api/workflows/instances/{instance}/steps/{pending}",
                        "{'roleScope':'GUEST'}", 400, "roleScope"),
                c("member role", "PUT", "/api/matters/{matter}/members",
                        "{'members':[{'userId':'00000000-0000-0000-0000-000000000001','role':'PARTNER'}]}", 400,
                        "members[0].role"),
                c("approval approverRole", "POST", "/api/workflows/templates",
                        template(step("APPROVAL_LAWYER", "LAWYER", "{'approverRole':'JUDGE'}")), 400,
                        "steps[0].actionConfig.approverRole"),
                c("inbox state", "GET", "/api/workflows/steps?state=DONE", null, 400, "state"),
                c("inbox assignedTo", "GET", "/api/workflows/steps?assignedTo=you", null, 400, "assignedTo"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseUnknownFields(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseUnknownFields() {
        return Stream.of(
                c("template create", "POST", "/api/workflows/templates", "{'name':'x','steps':[],'colour':'red'}", 400,
                        "colour"),
                c("template step", "POST", "/api/workflows/templates",
                        template("{'title':'S','actionType':'CHECKLIST','roleScope':'LAWYER','position':1}"), 400,
                        "steps[0].position"),
                c("template import", "POST", "/api/workflows/templates/import",
                        "{'schema':'matterflow.template/1','name':'x','steps':[" + STEP + "],'colour':'red'}", 400,
                        "colour"),
                c("template import step with an id", "POST", "/api/workflows/templates/import",
                        imported("[{'title':'S','actionType':'CHECKLIST','roleScope':'LAWYER','id':'{matter}'}]"), 400,
                        "steps[0].id"),
                c("template edit of the version", "PATCH", "/api/workflows/templates/{template}", "{'version':3}", 400,
                        "version"),
                c("instantiate", "POST", "/api/workflows/templates/{template}/instantiate",
                        "{'matterId':'{matter}','status':'ACTIVE'}", 400, "status"),
                c("instance edit of the matter", "PATCH", "/api/workflows/instances/{instance}",
                        "{'matterId':'{matter}'}", 400, "matterId"),
                c("added step", "POST", "/api/workflows/instances/{instance}/steps",
                        "{'title':'S','actionType':'CHECKLIST','roleScope':'LAWYER','assignee':'me'}", 400, "assignee"),
                c("edited step action type", "PATCH", "/api/workflows/instances/{instance}/steps/{pending}",
                        "{'actionType':'APPROVAL_LAWYER'}", 400, "actionType"),
                c("complete payload", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':true,'signature':'x'}", 400, "signature"),
                c("fail", "POST", "/api/workflows/steps/{approval}/fail", "{'reason':'x','code':1}", 400, "code"),
                c("open matter", "POST", "/api/matters", "{'reference':'R-1','title':'T','status':'open'}", 400,
                        "status"),
                c("checklist config", "POST", "/api/workflows/templates",
                        template(step("CHECKLIST", "PARALEGAL", "{'items':['a'],'foo':1}")), 400,
                        "steps[0].actionConfig.foo"),
                c("API token scopes", "POST", "/api/me/tokens", "{'name':'x','scopes':['read']}", 400, "scopes"),
                c("API token chosen by the client", "POST", "/api/me/tokens", "{'name':'x','token':'mf_mine'}", 400,
                        "token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseMissingRequiredFields(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseMissingRequiredFields() {
        return Stream.of(
                c("template without anything", "POST", "/api/workflows/templates", "{}", 400, "name"),
                c("template without steps", "POST", "/api/workflows/templates", "{'name':'x'}", 400, "steps"),
                c("template without name", "POST", "/api/workflows/templates", "{'steps':[]}", 400, "name"),
                c("template step without title", "POST", "/api/workflows/templates",
                        template("{'actionType':'CHECKLIST','roleScope':'LAWYER'}"), 400, "steps[0].title"),
                c("template step without actionType", "POST", "/api/workflows/templates",
                        template("{'title':'S','roleScope':'LAWYER'}"), 400, "steps[0].actionType"),
                c("template step without roleScope", "POST", "/api/workflows/templates",
                        template("{'title':'S','actionType':'CHECKLIST'}"), 400, "steps[0].roleScope"),
                c("template step null", "POST", "/api/workflows/templates", "{'name':'x','steps':[null]}", 400,
                        "steps[0]"),
                c("template import without schema", "POST", "/api/workflows/templates/import", "{'name':'x','steps':[" + STEP + "]}", 400,
                        "schema"),
                c("template import without steps", "POST", "/api/workflows/templates/import", "{'schema':'matterflow.template/1','name':'x'}",
                        400, "steps"),
                c("template import with no steps", "POST", "/api/workflows/templates/import", imported("[]"), 400, "steps"),
                c("template import without name", "POST", "/api/workflows/templates/import",
                        "{'schema':'matterflow.template/1','steps':[" + STEP + "]}", 400, "name"),
                c("template import step without title", "POST", "/api/workflows/templates/import",
                        imported("[{'actionType':'CHECKLIST','roleScope':'LAWYER'}]"), 400, "steps[0].title"),
                c("template draft step without title", "PATCH", "/api/workflows/templates/{template}",
                        "{'steps':[{'actionType':'CHECKLIST','roleScope':'LAWYER'}]}", 400, "steps[0].title"),
                c("instantiate without matterId", "POST", "/api/workflows/templates/{template}/instantiate", "{}",
                        400, "matterId"),
                c("added step without anything", "POST", "/api/workflows/instances/{instance}/steps", "{}", 400,
                        "title"),
                c("added step without actionType", "POST", "/api/workflows/instances/{instance}/steps",
                        "{'title':'S','roleScope':'LAWYER'}", 400, "actionType"),
                c("approval without decision", "POST", "/api/workflows/steps/{approval}/complete", "{}", 400,
                        "approved"),
                c("approval declined without comment", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':false}", 400, "comment"),
                c("fail without reason", "POST", "/api/workflows/steps/{approval}/fail", "{}", 400, "reason"),
                c("block without reason", "POST", "/api/workflows/steps/{approval}/block", "{}", 400, "reason"),
                c("matter without reference", "POST", "/api/matters", "{'title':'T'}", 400, "reference"),
                c("members without list", "PUT", "/api/matters/{matter}/members", "{}", 400, "members"),
                c("member without role", "PUT", "/api/matters/{matter}/members",
                        "{'members':[{'userId':'00000000-0000-0000-0000-000000000001'}]}", 400, "members[0].role"),
                c("instances without matterId", "GET", "/api/workflows/instances", null, 400, "matterId"),
                c("API token without name", "POST", "/api/me/tokens", "{'expiresInDays':30}", 400, "name"),
                c("API token with a null name", "POST", "/api/me/tokens", "{'name':null}", 400, "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseBlankStrings(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseBlankStrings() {
        return Stream.of(
                c("template name", "POST", "/api/workflows/templates", "{'name':'   ','steps':[]}", 400, "name"),
                c("template step title", "POST", "/api/workflows/templates",
                        template("{'title':'','actionType':'CHECKLIST','roleScope':'LAWYER'}"), 400, "steps[0].title"),
                c("template new name empty", "PATCH", "/api/workflows/templates/{template}", "{'name':''}", 400,
                        "name"),
                c("template new name spaces", "PATCH", "/api/workflows/templates/{template}", "{'name':'  '}", 400,
                        "name"),
                c("instance title empty at instantiation", "POST", "/api/workflows/templates/{template}/instantiate",
                        "{'matterId':'{matter}','title':''}", 400, "title"),
                c("instance title spaces at instantiation", "POST", "/api/workflows/templates/{template}/instantiate",
                        "{'matterId':'{matter}','title':'   '}", 400, "title"),
                c("instance title empty", "PATCH", "/api/workflows/instances/{instance}", "{'title':''}", 400, "title"),
                c("instance title spaces", "PATCH", "/api/workflows/instances/{instance}", "{'title':'  '}", 400,
                        "title"),
                c("added step title", "POST", "/api/workflows/instances/{instance}/steps",
                        "{'title':' ','actionType':'CHECKLIST','roleScope':'LAWYER'}", 400, "title"),
                c("edited step title empty", "PATCH", "/api/workflows/instances/{instance}/steps/{pending}",
                        "{'title':''}", 400, "title"),
                c("edited step title spaces", "PATCH", "/api/workflows/instances/{instance}/steps/{pending}",
                        "{'title':'   '}", 400, "title"),
                c("fail reason", "POST", "/api/workflows/steps/{approval}/fail", "{'reason':''}", 400, "reason"),
                c("block reason", "POST", "/api/workflows/steps/{approval}/block", "{'reason':'   '}", 400, "reason"),
                c("decline comment", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':false,'comment':'  '}", 400, "comment"),
                c("matter reference", "POST", "/api/matters", "{'reference':' ','title':'T'}", 400, "reference"),
                c("matter title", "POST", "/api/matters", "{'reference':'R-1','title':''}", 400, "title"),
                c("API token name empty", "POST", "/api/me/tokens", "{'name':''}", 400, "name"),
                c("API token name spaces", "POST", "/api/me/tokens", "{'name':'   '}", 400, "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseTooLongStrings(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseTooLongStrings() {
        String manySteps = IntStream.range(0, 101).mapToObj(i -> STEP).collect(Collectors.joining(","));
        String manyMembers = IntStream.range(0, 201)
                .mapToObj(i -> "{'userId':'00000000-0000-0000-0000-000000000001','role':'LAWYER'}")
                .collect(Collectors.joining(","));
        return Stream.of(
                c("template name", "POST", "/api/workflows/templates", "{'name':'" + x(201) + "','steps':[]}", 400,
                        "name"),
                c("template description", "POST", "/api/workflows/templates",
                        "{'name':'x','description':'" + x(2001) + "','steps':[]}", 400, "description"),
                c("template step title", "POST", "/api/workflows/templates",
                        template("{'title':'" + x(201) + "','actionType':'CHECKLIST','roleScope':'LAWYER'}"), 400,
                        "steps[0].title"),
                c("template with 101 steps", "POST", "/api/workflows/templates",
                        "{'name':'x','steps':[" + manySteps + "]}", 400, "steps"),
                c("template new name", "PATCH", "/api/workflows/templates/{template}", "{'name':'" + x(201) + "'}",
                        400, "name"),
                c("instance title at instantiation", "POST", "/api/workflows/templates/{template}/instantiate",
                        "{'matterId':'{matter}','title':'" + x(201) + "'}", 400, "title"),
                c("instance title", "PATCH", "/api/workflows/instances/{instance}", "{'title':'" + x(201) + "'}", 400,
                        "title"),
                c("added step title", "POST", "/api/workflows/instances/{instance}/steps",
                        "{'title':'" + x(201) + "','actionType':'CHECKLIST','roleScope':'LAWYER'}", 400, "title"),
                c("edited step title", "PATCH", "/api/workflows/instances/{instance}/steps/{pending}",
                        "{'title':'" + x(201) + "'}", 400, "title"),
                c("fail reason", "POST", "/api/workflows/steps/{approval}/fail", "{'reason':'" + x(2001) + "'}", 400,
                        "reason"),
                c("skip reason", "POST", "/api/workflows/steps/{doc}/skip", "{'reason':'" + x(2001) + "'}", 400,
                        "reason").as(Who.ADMIN),
                c("approval comment", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':true,'comment':'" + x(2001) + "'}", 400, "comment"),
                c("matter reference", "POST", "/api/matters", "{'reference':'" + x(51) + "','title':'T'}", 400,
                        "reference"),
                c("matter title", "POST", "/api/matters", "{'reference':'R-1','title':'" + x(301) + "'}", 400,
                        "title"),
                c("201 members", "PUT", "/api/matters/{matter}/members", "{'members':[" + manyMembers + "]}", 400,
                        "members"),
                c("template search", "GET", "/api/workflows/templates?q=" + x(201), null, 400, "q"),
                c("API token name", "POST", "/api/me/tokens", "{'name':'" + x(101) + "'}", 400, "name"),
                c("Idempotency-Key", "POST", "/api/workflows/steps/{doc}/claim", null, 400, "Idempotency-Key")
                        .as(Who.CLIENT).header("Idempotency-Key", x(201)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseOversizedBodies(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseOversizedBodies() {
        String huge = x(1024 * 1024 + 1);
        return Stream.of(
                c("template create", "POST", "/api/workflows/templates",
                        "{'name':'x','description':'" + huge + "','steps':[]}", 413, null),
                c("template edit", "PATCH", "/api/workflows/templates/{template}", "{'description':'" + huge + "'}",
                        413, null),
                c("instance edit", "PATCH", "/api/workflows/instances/{instance}", "{'title':'" + huge + "'}", 413,
                        null),
                c("complete", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':true,'comment':'" + huge + "'}", 413, null),
                c("API token create", "POST", "/api/me/tokens", "{'name':'" + huge + "'}", 413, null),
                c("complete with an Idempotency-Key", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':true,'comment':'" + huge + "'}", 413, null).header("Idempotency-Key", "big-1"),
                c("upload over the document limit", "POST", "/api/workflows/steps/{doc}/documents", null, 413, null)
                        .as(Who.CLIENT).file(new MockMultipartFile("file", "big.pdf", "application/pdf",
                                new byte[20 * 1024 * 1024 + 1])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseAWrongContentType(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseAWrongContentType() {
        return Stream.of(
                c("template create as text", "POST", "/api/workflows/templates", "{'name':'x','steps':[]}", 415, null)
                        .type(MediaType.TEXT_PLAIN_VALUE),
                c("template import as text", "POST", "/api/workflows/templates/import", imported("[" + STEP + "]"), 415, null)
                        .type(MediaType.TEXT_PLAIN_VALUE),
                c("template import as a file", "POST", "/api/workflows/templates/import", null, 415, null)
                        .file(new MockMultipartFile("file", "t.matterflow.json", "application/json", "{}".getBytes())),
                c("template create as XML", "POST", "/api/workflows/templates", "<template name='x'/>", 415, null)
                        .type(MediaType.APPLICATION_XML_VALUE),
                c("template create without a type", "POST", "/api/workflows/templates", "{'name':'x','steps':[]}",
                        415, null).type(null),
                c("instance edit as a form", "PATCH", "/api/workflows/instances/{instance}", "title=x", 415, null)
                        .type(MediaType.APPLICATION_FORM_URLENCODED_VALUE),
                c("complete as text", "POST", "/api/workflows/steps/{approval}/complete", "approved", 415, null)
                        .type(MediaType.TEXT_PLAIN_VALUE),
                c("API token as a form", "POST", "/api/me/tokens", "name=CI", 415, null)
                        .type(MediaType.APPLICATION_FORM_URLENCODED_VALUE),
                c("upload as JSON", "POST", "/api/workflows/steps/{doc}/documents", "{'file':'x'}", 415, null)
                        .as(Who.CLIENT),
                c("upload of a text file", "POST", "/api/workflows/steps/{doc}/documents", null, 415, null)
                        .as(Who.CLIENT).file(new MockMultipartFile("file", "notes.txt", "text/plain", "hi".getBytes())),
                c("upload of a PDF name sent as an image", "POST", "/api/workflows/steps/{doc}/documents", null, 415,
                        null).as(Who.CLIENT).file(new MockMultipartFile("file", "passport.pdf", "image/png",
                                new byte[] {1, 2, 3})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseAWrongMethod(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseAWrongMethod() {
        return Stream.of(
                c("PUT a template", "PUT", "/api/workflows/templates/{template}", "{'name':'x'}", 405, null),
                c("DELETE a template", "DELETE", "/api/workflows/templates/{template}", null, 405, null),
                c("DELETE an instance", "DELETE", "/api/workflows/instances/{instance}", null, 405, null),
                c("GET complete", "GET", "/api/workflows/steps/{approval}/complete", null, 405, null),
                c("PATCH a step", "PATCH", "/api/workflows/steps/{approval}", "{'title':'x'}", 405, null),
                c("POST me", "POST", "/api/me", "{}", 405, null),
                c("PUT the API tokens", "PUT", "/api/me/tokens", "{'name':'x'}", 405, null),
                c("GET one API token", "GET", "/api/me/tokens/00000000-0000-0000-0000-000000000000", null, 405, null),
                c("PATCH an API token", "PATCH", "/api/me/tokens/00000000-0000-0000-0000-000000000000",
                        "{'name':'x'}", 405, null),
                c("PUT verify", "PUT", "/api/audit/verify", "{}", 405, null).as(Who.ADMIN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseInvalidUuidsInThePath(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseInvalidUuidsInThePath() {
        return Stream.of(
                c("read template", "GET", "/api/workflows/templates/not-a-uuid", null, 400, "id"),
                c("edit template", "PATCH", "/api/workflows/templates/123", "{'name':'x'}", 400, "id"),
                c("publish template", "POST", "/api/workflows/templates/xyz/publish", null, 400, "id"),
                c("export template", "GET", "/api/workflows/templates/xyz/export", null, 400, "id"),
                c("instantiate", "POST", "/api/workflows/templates/xyz/instantiate", "{'matterId':'{matter}'}", 400,
                        "id"),
                c("read instance", "GET", "/api/workflows/instances/zzz", null, 400, "id"),
                c("edit instance", "PATCH", "/api/workflows/instances/1", "{'title':'x'}", 400, "id"),
                c("edit step", "PATCH", "/api/workflows/instances/{instance}/steps/nope", "{'title':'x'}", 400,
                        "stepId"),
                c("remove step", "DELETE", "/api/workflows/instances/nope/steps/{pending}", null, 400, "id"),
                c("claim", "POST", "/api/workflows/steps/1234/claim", null, 400, "id"),
                c("blank id", "POST", "/api/workflows/steps/ /claim", null, 400, "id"),
                c("blank step id", "PATCH", "/api/workflows/instances/{instance}/steps/ ", "{'title':'x'}", 400,
                        "stepId"),
                c("complete", "POST", "/api/workflows/steps/abc/complete", "{}", 400, "id"),
                c("history", "GET", "/api/workflows/steps/abc/history", null, 400, "id"),
                c("late events", "GET", "/api/workflows/instances/abc/late-events", null, 400, "id"),
                c("upload", "POST", "/api/workflows/steps/abc/documents", null, 400, "id").as(Who.CLIENT)
                        .file(new MockMultipartFile("file", "a.pdf", "application/pdf", "%PDF".getBytes())),
                c("read matter", "GET", "/api/matters/abc", null, 400, "id"),
                c("revoke API token", "DELETE", "/api/me/tokens/abc", null, 400, "id"),
                c("UUID one character too long", "GET", "/api/workflows/instances/{instance}0", null, 400, "id"),
                c("instances of a matter", "GET", "/api/workflows/instances?matterId=abc", null, 400, "matterId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseBadPaging(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseBadPaging() {
        return Stream.of(
                c("templates size=0", "GET", "/api/workflows/templates?size=0", null, 400, "size"),
                c("templates size=1000", "GET", "/api/workflows/templates?size=1000", null, 400, "size"),
                c("templates page=-1", "GET", "/api/workflows/templates?page=-1", null, 400, "page"),
                c("templates page=abc", "GET", "/api/workflows/templates?page=abc", null, 400, "page"),
                c("templates size=1.5", "GET", "/api/workflows/templates?size=1.5", null, 400, "size"),
                c("inbox size=0", "GET", "/api/workflows/steps?size=0", null, 400, "size"),
                c("inbox page=-1", "GET", "/api/workflows/steps?page=-1", null, 400, "page"),
                c("matters size=1000", "GET", "/api/matters?size=1000", null, 400, "size"),
                c("audit page=-1", "GET", "/api/audit?page=-1", null, 400, "page").as(Who.ADMIN),
                c("audit size=0", "GET", "/api/audit?size=0", null, 400, "size").as(Who.ADMIN),
                c("instances size=1000", "GET", "/api/workflows/instances?matterId={matter}&size=1000", null, 400,
                        "size"),
                c("instances page=-1", "GET", "/api/workflows/instances?matterId={matter}&page=-1", null, 400,
                        "page"),
                c("API tokens size=0", "GET", "/api/me/tokens?size=0", null, 400, "size"),
                c("API tokens page=-1", "GET", "/api/me/tokens?page=-1", null, 400, "page"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseInvalidActionConfigs(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseInvalidActionConfigs() {
        return Stream.of(
                config("approval for a client", "APPROVAL_LAWYER", "LAWYER", "{'approverRole':'CLIENT'}",
                        "approverRole"),
                config("approval message too long", "APPROVAL_LAWYER", "LAWYER", "{'message':'" + x(2001) + "'}",
                        "message"),
                config("approval with a deadline", "APPROVAL_LAWYER", "LAWYER", "{'deadline':'tomorrow'}",
                        "deadline"),
                config("signature without document", "SIGNATURE_CLIENT", "CLIENT", "{}", "documentId"),
                config("signature with a blank document", "SIGNATURE_CLIENT", "CLIENT", "{'documentId':' '}",
                        "documentId"),
                config("signature with a numeric document", "SIGNATURE_CLIENT", "CLIENT", "{'documentId':5}",
                        "documentId"),
                config("signature with an unknown provider", "SIGNATURE_CLIENT", "CLIENT",
                        "{'documentId':'letter','provider':'docusign'}", "provider"),
                config("document request without text", "REQUEST_DOC_CLIENT", "CLIENT", "{}", "requestText"),
                config("document request accepting a bare word", "REQUEST_DOC_CLIENT", "CLIENT",
                        "{'requestText':'ID','acceptedTypes':['pdf']}", "acceptedTypes[0]"),
                config("document request types as a string", "REQUEST_DOC_CLIENT", "CLIENT",
                        "{'requestText':'ID','acceptedTypes':'application/pdf'}", "acceptedTypes"),
                config("payment without amount", "PAYMENT_CLIENT", "CLIENT", "{'currency':'USD'}", "amount"),
                config("payment negative", "PAYMENT_CLIENT", "CLIENT", "{'amount':-5,'currency':'USD'}", "amount"),
                config("payment zero", "PAYMENT_CLIENT", "CLIENT", "{'amount':0,'currency':'USD'}", "amount"),
                config("payment amount a string", "PAYMENT_CLIENT", "CLIENT", "{'amount':'1500','currency':'USD'}",
                        "amount"),
                config("payment in tenths of cents", "PAYMENT_CLIENT", "CLIENT", "{'amount':10.001,'currency':'USD'}",
                        "amount"),
                config("payment currency lower case", "PAYMENT_CLIENT", "CLIENT", "{'amount':10,'currency':'usd'}",
                        "currency"),
                config("payment currency unknown", "PAYMENT_CLIENT", "CLIENT", "{'amount':10,'currency':'XYZ'}",
                        "currency"),
                config("payment unknown provider", "PAYMENT_CLIENT", "CLIENT",
                        "{'amount':10,'currency':'EUR','provider':'stripe'}", "provider"),
                config("checklist repeating an item", "CHECKLIST", "PARALEGAL", "{'items':['a','a']}", "items"),
                config("checklist with a blank item", "CHECKLIST", "PARALEGAL", "{'items':['']}", "items[0]"),
                config("checklist items a string", "CHECKLIST", "PARALEGAL", "{'items':'a'}", "items"),
                c("second step of a template", "POST", "/api/workflows/templates",
                        template(STEP + "," + step("PAYMENT_CLIENT", "CLIENT", "{'amount':-1,'currency':'EUR'}")), 400,
                        "steps[1].actionConfig.amount"),
                c("draft steps of a template edit", "PATCH", "/api/workflows/templates/{template}",
                        "{'steps':[" + step("PAYMENT_CLIENT", "CLIENT", "{'amount':0,'currency':'EUR'}") + "]}", 400,
                        "steps[0].actionConfig.amount"),
                c("step added to an instance", "POST", "/api/workflows/instances/{instance}/steps",
                        step("PAYMENT_CLIENT", "CLIENT", "{'amount':10}"), 400, "actionConfig.currency"),
                c("config of an instance step", "PATCH", "/api/workflows/instances/{instance}/steps/{pending}",
                        "{'actionConfig':{'items':['a','a']}}", 400, "actionConfig.items"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseBadDueDatesAndKeyDates(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseBadDueDatesAndKeyDates() {
        String ruled = "{'title':'S','actionType':'CHECKLIST','roleScope':'LAWYER','dueRule':%s}";
        return Stream.of(
                c("due rule without unit", "POST", "/api/workflows/templates",
                        template(ruled.formatted("{'offset':3,'anchor':'STEP_READY'}")), 400, "steps[0].dueRule.unit"),
                c("due rule with an unknown unit", "POST", "/api/workflows/templates",
                        template(ruled.formatted("{'offset':3,'unit':'WEEKS','anchor':'STEP_READY'}")), 400,
                        "steps[0].dueRule.unit"),
                c("due rule offset beyond ten years", "POST", "/api/workflows/templates",
                        template(ruled.formatted("{'offset':4000,'unit':'CALENDAR_DAYS','anchor':'STEP_READY'}")), 400,
                        "steps[0].dueRule.offset"),
                c("due rule counting from itself", "POST", "/api/workflows/templates",
                        template(ruled.formatted("{'offset':1,'unit':'BUSINESS_DAYS','anchor':'STEP_COMPLETED',"
                                + "'step':0}")), 400, "steps[0].dueRule.step"),
                c("due rule key date without a name", "POST", "/api/workflows/templates",
                        template(ruled.formatted("{'offset':-10,'unit':'BUSINESS_DAYS','anchor':'KEY_DATE'}")), 400,
                        "steps[0].dueRule.keyDate"),
                c("instance due rule naming a step by position", "POST", "/api/workflows/instances/{instance}/steps",
                        ruled.formatted("{'offset':1,'unit':'BUSINESS_DAYS','anchor':'STEP_COMPLETED','step':0}"), 400,
                        "dueRule.step"),
                c("instance due rule naming an unknown step", "PATCH",
                        "/api/workflows/instances/{instance}/steps/{pending}",
                        "{'dueRule':{'offset':1,'unit':'BUSINESS_DAYS','anchor':'STEP_COMPLETED',"
                                + "'stepId':'00000000-0000-0000-0000-000000000001'}}", 400, "dueRule.stepId"),
                c("due date by hand without a reason", "PUT", "/api/workflows/steps/{pending}/due",
                        "{'at':'2027-01-01T17:00:00Z'}", 400, "reason"),
                c("due date by hand not a date", "PUT", "/api/workflows/steps/{pending}/due",
                        "{'at':'next Friday','reason':'asked'}", 400, "at"),
                c("key date without a name", "PUT", "/api/matters/{matter}/key-dates",
                        "{'keyDates':[{'date':'2027-01-01'}]}", 400, "keyDates[0].name"),
                c("key date not a date", "PUT", "/api/matters/{matter}/key-dates",
                        "{'keyDates':[{'name':'Trial','date':'2027-02-30'}]}", 400, "keyDates[0].date"),
                c("key dates named twice", "PUT", "/api/matters/{matter}/key-dates",
                        "{'keyDates':[{'name':'Trial','date':'2027-01-01'},{'name':'TRIAL','date':'2027-01-02'}]}",
                        400, "keyDates[1].name"),
                c("key dates missing", "PUT", "/api/matters/{matter}/key-dates", "{}", 400, "keyDates"),
                c("inbox due filter", "GET", "/api/workflows/steps?due=tomorrow", null, 400, "due"),
                c("inbox sort", "GET", "/api/workflows/steps?sort=title", null, 400, "sort"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseBadUploads(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseBadUploads() {
        String path = "/api/workflows/steps/{doc}/documents";
        return Stream.of(
                c("empty file", "POST", path, null, 400, "file").as(Who.CLIENT)
                        .file(new MockMultipartFile("file", "passport.pdf", "application/pdf", new byte[0])),
                c("file without a name", "POST", path, null, 400, "file").as(Who.CLIENT)
                        .file(new MockMultipartFile("file", "", "application/pdf", "%PDF".getBytes())),
                c("file in the wrong part", "POST", path, null, 400, "file").as(Who.CLIENT)
                        .file(new MockMultipartFile("document", "passport.pdf", "application/pdf", "%PDF".getBytes())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldAnswer404ForUnknownRoutes(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldAnswer404ForUnknownRoutes() {
        return Stream.of(
                c("GET /api/nothing", "GET", "/api/nothing", null, 404, null),
                c("GET /api/workflows", "GET", "/api/workflows", null, 404, null),
                c("template drafts", "GET", "/api/workflows/templates/{template}/drafts", null, 404, null),
                c("explode a step", "POST", "/api/workflows/steps/{approval}/explode", "{}", 404, null),
                c("delete a member", "DELETE", "/api/matters/{matter}/members/x", null, 404, null),
                c("unknown template", "GET", "/api/workflows/templates/00000000-0000-0000-0000-000000000000", null,
                        404, null),
                c("unknown step", "POST", "/api/workflows/steps/00000000-0000-0000-0000-000000000000/claim", null,
                        404, null),
                c("unknown API token", "DELETE", "/api/me/tokens/00000000-0000-0000-0000-000000000000", null, 404,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseRequestsWithoutValidCredentials(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseRequestsWithoutValidCredentials() {
        return Stream.of(
                c("no credentials", "GET", "/api/workflows/templates", null, 401, null).as(Who.NOBODY),
                c("wrong password", "GET", "/api/workflows/templates", null, 401, null).as(Who.WRONG_PASSWORD),
                c("no credentials on a mutation", "POST", "/api/workflows/templates", "{'name':'x','steps':[]}", 401,
                        null).as(Who.NOBODY),
                c("no credentials on an unknown route", "GET", "/api/nothing", null, 401, null).as(Who.NOBODY),
                c("no credentials on an API token", "POST", "/api/me/tokens", "{'name':'x'}", 401, null)
                        .as(Who.NOBODY),
                c("unknown API token", "GET", "/api/workflows/templates", null, 401, null).as(Who.UNKNOWN_TOKEN),
                c("unknown API token on a mutation", "POST", "/api/me/tokens", "{'name':'x'}", 401, null)
                        .as(Who.UNKNOWN_TOKEN),
                c("malformed API token", "GET", "/api/me", null, 401, null).header("Authorization", "Bearer x")
                        .as(Who.NOBODY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseStringsWithTheNulCharacter(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseStringsWithTheNulCharacter() {
        String nul = "a\\u0000b";
        return Stream.of(
                c("template name", "POST", "/api/workflows/templates", "{'name':'" + nul + "','steps':[]}", 400,
                        "name"),
                c("checklist item in a config", "POST", "/api/workflows/templates",
                        template(step("CHECKLIST", "LAWYER", "{'items':['" + nul + "']}")), 400,
                        "steps[0].actionConfig.items"),
                c("instance title", "PATCH", "/api/workflows/instances/{instance}", "{'title':'" + nul + "'}", 400,
                        "title"),
                c("added step title", "POST", "/api/workflows/instances/{instance}/steps",
                        "{'title':'" + nul + "','actionType':'CHECKLIST','roleScope':'LAWYER'}", 400, "title"),
                c("approval comment in a payload", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':true,'comment':'" + nul + "'}", 400, "comment"),
                c("field name in a payload", "POST", "/api/workflows/steps/{approval}/complete",
                        "{'approved':true,'" + nul + "':1}", 400, null),
                c("fail reason", "POST", "/api/workflows/steps/{approval}/fail", "{'reason':'" + nul + "'}", 400,
                        "reason"),
                c("matter reference", "POST", "/api/matters", "{'reference':'" + nul + "','title':'T'}", 400,
                        "reference"),
                c("API token name", "POST", "/api/me/tokens", "{'name':'" + nul + "'}", 400, "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseRequestsTheFirewallRejects(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseRequestsTheFirewallRejects() {
        return Stream.of(
                c("semicolon in the URL", "GET", "/api/workflows/templates;x=y", null, 400, ""),
                c("encoded slash in the URL", "GET", "/api/workflows/templates/a%2Fb", null, 400, ""),
                c("encoded dot segment in the URL", "GET", "/api/workflows/templates/%2e%2e/x", null, 400, ""),
                c("encoded percent in the URL", "GET", "/api/workflows/templates/%25", null, 400, ""),
                c("encoded slash in a mutation", "POST", "/api/workflows/steps/a%2Fb/claim", null, 400, ""),
                c("control character in a header", "POST", "/api/workflows/steps/{doc}/claim", null, 400, "")
                        .as(Who.CLIENT).header("Idempotency-Key", "a\u0000b"));
    }

    // ---------------------------------------------------------------------------------------------- machinery

    /** Sends the case, checks the answer as the class comment says, and returns the answer's body. */
    private String check(Case c) throws Exception {
        Fixture fixture = fixture();
        var before = written(fixture.firm().orgId());

        MvcResult result = mvc.perform(build(c, fixture)).andReturn();

        var response = result.getResponse();
        String body = response.getContentAsString();
        assertThat(response.getStatus()).as("status of %s: %s", c, body).isEqualTo(c.status()).isLessThan(500);
        assertThat(response.getContentType()).as("content type of %s: %s", c, body).isNotNull();
        assertThat(MediaType.parseMediaType(response.getContentType()).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type %s of %s", response.getContentType(), c).isTrue();
        assertThat((Integer) read(result, "$.status")).isEqualTo(c.status());
        assertThat((String) read(result, "$.title")).isNotBlank();
        if (c.status() == 400) {
            List<Map<String, String>> errors = JsonPath.using(Configuration.defaultConfiguration()
                    .addOptions(Option.SUPPRESS_EXCEPTIONS)).parse(body).read("$.errors");
            assertThat(errors).as("errors of %s: %s", c, body).isNotEmpty();
            if (c.field() != null) {
                assertThat(errors).extracting(e -> e.get("field")).as("fields named by %s: %s", c, body)
                        .contains(c.field());
            }
        }
        if (c.status() == 405) {
            assertThat(response.getHeader("Allow")).as("Allow header of %s", c).isNotBlank();
        }
        assertThat(written(fixture.firm().orgId())).as("rows written by %s", c).isEqualTo(before);
        return body;
    }

    private Fixture fixture() {
        var firm = firm();
        var instance = workflows.instance(firm,
                Workflows.step("Passport", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, false, Map.of(
                        "requestText", "Your passport, please", "acceptedTypes", List.of("application/pdf"))),
                Workflows.step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                Workflows.step("Onboarding", ActionType.CHECKLIST, RoleScope.PARALEGAL, true,
                        Map.of("items", List.of("A", "B"))));
        runtime.start(firm.as(firm.owner()), instance.steps().get(1).id());
        return new Fixture(firm, instance);
    }

    private static AbstractMockHttpServletRequestBuilder<?> build(Case c, Fixture f) {
        String path = c.path()
                .replace("{template}", f.instance().templateId().toString())
                .replace("{instance}", f.instance().id().toString())
                .replace("{doc}", f.instance().steps().get(0).id().toString())
                .replace("{approval}", f.instance().steps().get(1).id().toString())
                .replace("{pending}", f.instance().steps().get(2).id().toString())
                .replace("{matter}", f.firm().matter().id().toString());
        AbstractMockHttpServletRequestBuilder<?> builder;
        if (c.file() != null) {
            builder = multipart(c.method(), path).file(c.file());
        } else {
            var plain = request(c.method(), path);
            if (c.body() != null) {
                String body = c.body()
                        .replace("{matter}", f.firm().matter().id().toString());
                plain.content(body);
            }
            if (c.contentType() != null && c.body() != null) {
                plain.contentType(c.contentType());
            }
            builder = plain;
        }
        c.headers().forEach(builder::header);
        UserAccount caller = switch (c.who()) {
            case ADMIN -> f.firm().admin();
            case CLIENT -> f.firm().client();
            default -> f.firm().owner();
        };
        switch (c.who()) {
            case NOBODY -> {
            }
            case WRONG_PASSWORD -> builder.with(httpBasic(caller.email(), "not-the-password"));
            case UNKNOWN_TOKEN -> builder.header("Authorization", "Bearer mf_" + "A".repeat(43));
            default -> builder.with(as(caller));
        }
        return builder;
    }

    /** A case as the owner, with a JSON body written with single quotes. */
    /** Migrating running instances: wrong types, unknown or equal versions, empty id lists, bad ids (admins). */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldRefuseBadMigrations(Case c) throws Exception {
        check(c);
    }

    static Stream<Case> shouldRefuseBadMigrations() {
        String path = "/api/workflows/templates/{template}/migrations";
        return Stream.of(
                c("migration fromVersion a string", "POST", path, "{'fromVersion':'one','toVersion':2,'dryRun':true}",
                        400, "fromVersion").as(Who.ADMIN),
                c("migration dryRun a string", "POST", path, "{'fromVersion':1,'toVersion':2,'dryRun':'yes'}", 400,
                        "dryRun").as(Who.ADMIN),
                c("migration instanceIds not UUIDs", "POST", path,
                        "{'fromVersion':1,'toVersion':2,'dryRun':true,'instanceIds':['x']}", 400, null).as(Who.ADMIN),
                c("migration to an unknown version", "POST", path, "{'fromVersion':1,'toVersion':9,'dryRun':true}",
                        400, "toVersion").as(Who.ADMIN),
                c("migration from an unknown version", "POST", path, "{'fromVersion':0,'toVersion':1,'dryRun':true}",
                        400, "fromVersion").as(Who.ADMIN),
                c("migration between equal versions", "POST", path, "{'fromVersion':1,'toVersion':1,'dryRun':false}",
                        400, "toVersion").as(Who.ADMIN),
                c("migration of no instances", "POST", path,
                        "{'fromVersion':1,'toVersion':1,'dryRun':false,'instanceIds':[]}", 400, "instanceIds")
                        .as(Who.ADMIN),
                c("migration without dryRun", "POST", path, "{'fromVersion':1,'toVersion':1}", 400, "dryRun")
                        .as(Who.ADMIN),
                c("migration, truncated", "POST", path, "{'fromVersion':", 400, "").as(Who.ADMIN),
                c("migration of a template id not a UUID", "POST", "/api/workflows/templates/xyz/migrations",
                        "{'fromVersion':1,'toVersion':2,'dryRun':true}", 400, "id").as(Who.ADMIN),
                c("migration id not a UUID", "GET", path + "/nope", null, 400, "migrationId").as(Who.ADMIN));
    }

    private static Case c(String name, String method, String path, String body, int status, String field) {
        return new Case(name, HttpMethod.valueOf(method), path, body == null ? null : quotes(body), JSON_TYPE,
                Who.OWNER, status, field, Map.of(), null);
    }

    /** A template with one step of the type whose config is invalid; the error names steps[0].actionConfig.field. */
    private static Case config(String name, String type, String scope, String config, String field) {
        return c(name, "POST", "/api/workflows/templates", template(step(type, scope, config)), 400,
                "steps[0].actionConfig." + field);
    }

    /** A template document to import with these steps (a JSON array, or anything else). */
    private static String imported(String steps) {
        return "{'schema':'matterflow.template/1','name':'Imported','steps':" + steps + "}";
    }

    private static String template(String steps) {
        return "{'name':'Template','steps':[" + steps + "]}";
    }

    private static String step(String type, String scope, String config) {
        return "{'title':'Step','actionType':'" + type + "','roleScope':'" + scope + "','actionConfig':" + config + "}";
    }

    /** Single quotes become double quotes, except where escaped as \'. */
    private static String quotes(String json) {
        return json.replace("\\'", "\u0000").replace('\'', '"').replace('\u0000', '\'');
    }

    private static String deep(int levels) {
        return "[".repeat(levels) + "]".repeat(levels);
    }

    private static String x(int length) {
        return "x".repeat(length);
    }
}
