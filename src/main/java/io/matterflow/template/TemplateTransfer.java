package io.matterflow.template;

import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.action.ActionRegistry;
import io.matterflow.action.DocumentInfo;
import io.matterflow.action.DocumentLookup;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.common.FieldError;
import io.matterflow.common.Json;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Templates as portable documents ({@link TemplateExport}): a draft or a published version exported by those who read
 * templates, imported as a new draft by those who create them, into any firm. Nothing of the source's identity
 * crosses: no ids, no people; due rules already name steps by position, and a stored document to sign is replaced by
 * its file name (the file stays). An import goes through {@link Templates#create} (validated and audited as any new
 * template) and then through the publish-time check of every config, so that the draft it makes can be published.
 * Both are audited on the template's stream: {@code template.export} (a copy of the firm's work leaves it) and
 * {@code template.import}.
 */
@Service
@Transactional(readOnly = true)
public class TemplateTransfer {

    public static final String SCHEMA = "matterflow.template/1";
    /** The largest template file the page takes: 100 steps with generous configs fit many times over. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    /** TemplateStep to TemplateExport.Step by name: the step's id and order stay behind. */
    private static final ObjectReader STEP_READER = Json.MAPPER.readerFor(TemplateExport.Step.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int MAX_DOCUMENT_NAME = 200;

    private final Templates templates;
    private final ActionRegistry registry;
    private final DocumentLookup documents;
    private final AuditLog audit;
    private final Clock clock;

    TemplateTransfer(Templates templates, ActionRegistry registry, DocumentLookup documents, AuditLog audit,
                     Clock clock) {
        this.templates = templates;
        this.registry = registry;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
    }

    /** The draft ({@code version} null) or the published version; 404 for another firm's template, 400 for no such version. */
    @Transactional
    public TemplateExport export(Actor actor, UUID templateId, Integer version) {
        TemplateDetails template = templates.get(actor, templateId);
        String name = template.name();
        List<TemplateStep> steps = template.steps();
        if (version != null) {
            PublishedTemplate published = templates.versions(actor, templateId).stream()
                    .filter(v -> v.version() == version).findFirst()
                    .orElseThrow(() -> ValidationException.of("Unknown version", "version",
                            "template has no published version " + version));
            name = published.name();
            steps = published.steps();
        }
        List<String> notes = new ArrayList<>();
        List<TemplateExport.Step> exported = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            exported.add(exportStep(actor.orgId(), "steps[" + i + "].", steps.get(i), notes));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("version", version == null ? "draft" : version);
        metadata.put("steps", exported.size());
        audit.append(new AuditRecord(actor.orgId(), templateId, actor, "template.export", "TEMPLATE", templateId,
                null, null, metadata));
        return new TemplateExport(SCHEMA, name, template.description(), clock.instant(), version,
                List.copyOf(exported), List.copyOf(notes));
    }

    /** As {@link #importTemplate(Actor, TemplateExport)}, from a request's body: the caller is checked first. */
    @Transactional
    public TemplateDetails importTemplate(Actor actor, JsonNode document) {
        Templates.requireAuthor(actor);
        return importTemplate(actor, read(document));
    }

    /** As {@link #importTemplate(Actor, TemplateExport)}, from a file's content: the caller is checked first. */
    @Transactional
    public TemplateDetails importFile(Actor actor, InputStream content) throws IOException {
        Templates.requireAuthor(actor);
        return importTemplate(actor, read(content));
    }

    /**
     * A new draft in the actor's firm from the document: 400 naming {@code schema}, {@code steps} or the field under
     * {@code steps[i]} when it is not one this Matterflow could publish; nothing is written then.
     */
    @Transactional
    public TemplateDetails importTemplate(Actor actor, TemplateExport document) {
        Templates.requireAuthor(actor);
        if (document == null) {
            throw ValidationException.of("Invalid template", "", "a template document is required");
        }
        checkSchema(document.schema());
        if (document.steps() == null || document.steps().isEmpty()) {
            throw ValidationException.of("Invalid template", "steps",
                    "must have at least one step: an imported template is one that can be published");
        }
        List<StepDefinition> definitions = document.steps().stream()
                .map(s -> s == null ? null : Json.MAPPER.convertValue(s, StepDefinition.class)).toList();
        TemplateDetails created = templates.create(actor, document.name(), document.description(), definitions);
        List<FieldError> errors = new ArrayList<>();
        for (TemplateStep step : created.steps()) { // as Templates.publish checks the draft it freezes
            Templates.checkConfig("steps[" + step.order() + "].", step.actionType(), step.actionConfig(), registry,
                    errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Invalid template", errors);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("schema", document.schema());
        metadata.put("name", created.name());
        metadata.put("steps", created.steps().size());
        if (document.sourceVersion() != null) {
            metadata.put("sourceVersion", document.sourceVersion());
        }
        if (document.exportedAt() != null) {
            metadata.put("exportedAt", document.exportedAt().toString());
        }
        audit.append(new AuditRecord(actor.orgId(), created.id(), actor, "template.import", "TEMPLATE", created.id(),
                null, null, metadata));
        return created;
    }

    /**
     * Reads a document as it arrives (a request body, a file): the {@code schema} first, so that a document of another
     * format is refused by its name rather than by its first unknown field; then strictly, as every request body.
     */
    static TemplateExport read(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw ValidationException.of("Invalid template", "", "must be a template document: a JSON object");
        }
        JsonNode schema = document.get("schema");
        checkSchema(schema != null && schema.isString() ? schema.asString() : null);
        try {
            return Json.MAPPER.treeToValue(document, TemplateExport.class);
        } catch (JacksonException e) {
            throw new ValidationException("Invalid template", List.of(error(e)));
        }
    }

    /** As {@link #read(JsonNode)}, from a file's content. */
    static TemplateExport read(InputStream content) throws IOException {
        JsonNode document;
        try {
            document = Json.MAPPER.readTree(content);
        } catch (JacksonException e) {
            throw new ValidationException("Invalid template", List.of(error(e)));
        }
        return read(document);
    }

    /** The file an export is saved as: {@code <name as a slug>-v<N>.matterflow.json}, or {@code -draft}. */
    public static String fileName(TemplateExport document) {
        String slug = Normalizer.normalize(document.name() == null ? "" : document.name(), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return (slug.isEmpty() ? "template" : slug)
                + (document.sourceVersion() == null ? "-draft" : "-v" + document.sourceVersion()) + ".matterflow.json";
    }

    private static void checkSchema(String schema) {
        if (!SCHEMA.equals(schema)) {
            throw ValidationException.of("Unknown template format", "schema", "must be \"" + SCHEMA
                    + "\": this Matterflow reads templates exported in that format only");
        }
    }

    /**
     * The step by name, its stored documents to sign replaced by their file names (each with a note): the id means
     * nothing in another firm, and a free-text documentId is a document kept outside Matterflow.
     */
    private TemplateExport.Step exportStep(UUID orgId, String prefix, TemplateStep step, List<String> notes) {
        Map<String, Object> config = new LinkedHashMap<>(step.actionConfig() == null ? Map.of() : step.actionConfig());
        if (registry.isRegistered(step.actionType())) {
            registry.handler(step.actionType()).documentsToSign(config).forEach((field, id) -> {
                String name = documents.find(orgId, id).map(DocumentInfo::name)
                        .map(n -> n.length() > MAX_DOCUMENT_NAME ? n.substring(0, MAX_DOCUMENT_NAME) : n)
                        .orElse("a document no longer stored");
                config.put(field, name);
                notes.add(prefix + "actionConfig." + field + ": the document \"" + name + "\" stored in Matterflow"
                        + " does not travel with the template; its file name stands in its place. Upload it to the"
                        + " imported template and choose it for step " + (step.order() + 1) + " (\"" + step.title()
                        + "\"), or keep the name to mean a document kept outside Matterflow.");
            });
        }
        ObjectNode tree = Json.MAPPER.valueToTree(step);
        tree.set("actionConfig", Json.MAPPER.valueToTree(config));
        return STEP_READER.readValue(tree);
    }

    /** A reader's error as the API words it: the field by its path. */
    private static FieldError error(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return new FieldError(Json.path(u), "is not a known field");
        }
        if (Json.refusal(e).isPresent()) {
            return new FieldError(Json.path(e), Json.refusal(e).get());
        }
        if (e instanceof MismatchedInputException m) {
            return new FieldError(Json.path(m), "has the wrong type or value");
        }
        if (e instanceof StreamReadException) {
            return new FieldError("", "is not well-formed JSON");
        }
        return new FieldError(Json.path(e), "is invalid");
    }
}
