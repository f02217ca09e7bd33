// CSRF token on every htmx request; drag-and-drop lists; small keyboard helpers. Everything a page does in script is
// here: the Content-Security-Policy refuses inline scripts, event handler attributes and eval (htmx's hx-on too).
if (typeof htmx !== 'undefined') {
    htmx.config.allowEval = false;
    htmx.config.includeIndicatorStyles = false;
    htmx.config.attributesToSettle = ['class', 'width', 'height'];
}
document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    if (token && header) {
        event.detail.headers[header.content] = token.content;
    }
});

// Show server errors (4xx/5xx) that htmx would otherwise drop.
document.addEventListener('htmx:beforeSwap', function (event) {
    var status = event.detail.xhr.status;
    if (status >= 400) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
        var target = document.getElementById('flash');
        if (target && !event.detail.xhr.getResponseHeader('HX-Retarget')) {
            event.detail.target = target;
        }
    }
});

function initSortables(root) {
    (root || document).querySelectorAll('[data-sortable]').forEach(function (list) {
        if (list.dataset.sortableReady || typeof Sortable === 'undefined') {
            return;
        }
        list.dataset.sortableReady = 'true';
        Sortable.create(list, {
            handle: '.drag-handle',
            forceFallback: true,
            animation: 150,
            onEnd: function () {
                list.querySelectorAll('[data-order-input]').forEach(function (input, index) {
                    input.value = index;
                });
                list.dispatchEvent(new CustomEvent('reordered', {bubbles: true}));
            }
        });
    });
}

// Keyboard reordering: Alt+ArrowUp / Alt+ArrowDown on a drag handle moves its row.
document.addEventListener('keydown', function (event) {
    var handle = event.target.closest && event.target.closest('.drag-handle');
    if (!handle || !event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) {
        return;
    }
    var row = handle.closest('[data-row]');
    var list = row.parentElement;
    if (event.key === 'ArrowUp' && row.previousElementSibling) {
        list.insertBefore(row, row.previousElementSibling);
    } else if (event.key === 'ArrowDown' && row.nextElementSibling) {
        list.insertBefore(row.nextElementSibling, row);
    } else {
        return;
    }
    event.preventDefault();
    handle.focus();
    list.querySelectorAll('[data-order-input]').forEach(function (input, index) {
        input.value = index;
    });
    list.dispatchEvent(new CustomEvent('reordered', {bubbles: true}));
});

document.addEventListener('DOMContentLoaded', function () { initSortables(document); });
document.addEventListener('htmx:afterSettle', function (event) { initSortables(event.target); });

// Feedback: the server sends {"flash": {"kind", "message"}} in HX-Trigger after an action.
function showFlash(kind, message) {
    var region = document.getElementById('flash');
    if (!region) {
        return;
    }
    var box = document.createElement('div');
    box.className = 'flash ' + (kind === 'error' ? 'error' : 'success');
    var text = document.createElement('span');
    text.textContent = message;
    box.appendChild(text);
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'link dismiss';
    close.setAttribute('aria-label', 'Dismiss message');
    close.textContent = '×';
    box.appendChild(close);
    region.replaceChildren(box);
    if (kind !== 'error') {
        setTimeout(function () { box.remove(); }, 6000);
    }
}
document.addEventListener('flash', function (event) { showFlash(event.detail.kind, event.detail.message); });
// A message's × button removes it (one listener for all, instead of inline handlers a CSP would refuse).
document.addEventListener('click', function (event) {
    var dismiss = event.target.closest && event.target.closest('.flash .dismiss');
    if (dismiss) {
        dismiss.closest('.flash').remove();
    }
});

// A copy button puts the value of the field its data-copy names on the clipboard (a calendar feed's address).
document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-copy]');
    var field = button && document.querySelector(button.getAttribute('data-copy'));
    if (field) {
        field.select();
        if (navigator.clipboard) {
            navigator.clipboard.writeText(field.value);
        }
    }
});

// Progress bars: the filled part's width comes from data-percent (no inline style, which a CSP would refuse).
function fillProgress(root) {
    (root || document).querySelectorAll('[data-percent]').forEach(function (bar) {
        bar.style.width = bar.dataset.percent + '%';
    });
}
document.addEventListener('DOMContentLoaded', function () { fillProgress(document); });
document.addEventListener('htmx:afterSettle', function () { fillProgress(document); });

// A form with per-type settings (select[data-type-switch]): only the chosen type's fieldset shows and posts.
document.addEventListener('change', function (event) {
    var select = event.target;
    if (!select.matches || !select.matches('select[data-type-switch]')) {
        return;
    }
    select.form.querySelectorAll('fieldset[data-action-type]').forEach(function (fieldset) {
        var chosen = fieldset.dataset.actionType === select.value;
        fieldset.hidden = !chosen;
        fieldset.disabled = !chosen;
    });
});

// A step's "Due" fields (fieldset[data-due-rule]): only those the chosen rule needs show; the server ignores the rest.
document.addEventListener('change', function (event) {
    var fieldset = event.target.closest && event.target.closest('fieldset[data-due-rule]');
    if (!fieldset) {
        return;
    }
    var due = fieldset.querySelector('[data-due-choice]').value === 'true';
    var anchor = fieldset.querySelector('[data-due-anchor]').value;
    fieldset.querySelectorAll('[data-due-when]').forEach(function (field) {
        var when = field.dataset.dueWhen;
        field.hidden = !due || (when !== 'due' && when !== anchor);
    });
});

// A step's "Runs" fields (fieldset[data-condition]): the tests show only when the step runs on a condition, and a
// test's value field only for the practice area or a key date. The server ignores what is hidden.
document.addEventListener('change', function (event) {
    var fieldset = event.target.closest && event.target.closest('fieldset[data-condition]');
    if (!fieldset) {
        return;
    }
    var always = fieldset.querySelector('[data-condition-mode]').value === '';
    fieldset.querySelectorAll('[data-condition-hint]').forEach(function (hint) {
        hint.hidden = always;
    });
    fieldset.querySelectorAll('[data-condition-clause]').forEach(function (clause) {
        clause.hidden = always;
        var test = clause.querySelector('[data-condition-test]').value;
        clause.querySelector('[data-condition-value]').hidden = test !== 'area' && test !== 'keydate';
    });
});

// A form marked data-reset-on-success empties itself after htmx posted it successfully (the invite form).
document.addEventListener('htmx:afterRequest', function (event) {
    var form = event.detail.elt;
    if (event.detail.successful && form && form.matches && form.matches('form[data-reset-on-success]')) {
        form.reset();
    }
});
