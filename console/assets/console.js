// Progressive enhancement for the staff console; every page works without this file.
// A live refresh of the inbox must never throw away a reply someone has started, or close what they opened.
document.addEventListener('htmx:beforeSwap', (event) => {
  const target = event.detail.target;
  if (!target || target.id !== 'inbox-live' || event.detail.requestConfig.verb !== 'get') return;
  const busy =
    target.querySelector('details[open]') !== null ||
    [...target.querySelectorAll('textarea')].some((area) => area.value.trim() !== '');
  if (busy) event.detail.shouldSwap = false;
});

// After an action the page says what happened; keyboard and screen-reader users start from that message.
function focusNotice() {
  document.querySelector('[data-autofocus]')?.focus();
}
document.addEventListener('DOMContentLoaded', focusNotice);
document.addEventListener('htmx:afterSettle', (event) => {
  if (event.detail.boosted) focusNotice();
});

// The letter's print button needs JavaScript, so it is hidden until this file runs (the browser's own Print works too).
document.addEventListener('DOMContentLoaded', () => {
  for (const button of document.querySelectorAll('[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }
});
