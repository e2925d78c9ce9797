// The citizen's web chat: gets a token from the service (which chooses the user id),
// talks Direct Line with polling, keeps the conversation across reloads, and sends
// an enrollment code from a deep link (/?code=XXXX) once.
(async function () {
  var config = JSON.parse(document.getElementById('config').textContent);
  var language = /^en\b/i.test(navigator.language || '') ? 'en' : 'da';
  var texts = config.texts[language];
  document.documentElement.lang = language;
  document.querySelector('.skip').textContent = texts.skip;
  document.getElementById('webchat').setAttribute('aria-label', texts.region);
  var storageKey = 'ledsager.webchat';
  var saved = null;
  try { saved = JSON.parse(localStorage.getItem(storageKey) || 'null'); } catch (e) { saved = null; }

  var response = await fetch(config.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: saved && saved.token }),
  });
  var session = await response.json();
  localStorage.setItem(storageKey, JSON.stringify({ token: session.token, conversationId: session.conversationId }));

  var directLine = window.WebChat.createDirectLine({
    token: session.token,
    domain: config.directLineDomain.charAt(0) === '/' ? location.origin + config.directLineDomain : config.directLineDomain,
    conversationId: session.conversationId,
    webSocket: false,
    pollingInterval: 1000,
  });

  var params = new URLSearchParams(location.search);
  var code = params.get('code');
  if (code) {
    // Sent once; the address is cleaned so a reload does not send it again.
    history.replaceState(null, '', location.pathname);
    directLine.connectionStatus$.subscribe(function (status) {
      if (status === 2 && code) {
        directLine.postActivity({ type: 'message', text: code, locale: texts.locale, from: { id: 'user', role: 'user' } }).subscribe();
        code = null;
      }
    });
  }

  window.WebChat.renderWebChat(
    {
      directLine: directLine,
      locale: texts.locale,
      styleOptions: {
        accent: config.accent,
        bubbleFromUserBackground: config.accent,
        bubbleFromUserTextColor: '#ffffff',
        bubbleFromUserBorderRadius: 12,
        bubbleBorderRadius: 12,
        fontSizeSmall: '80%',
        primaryFont: '"Segoe UI", "DejaVu Sans", Arial, sans-serif',
        hideUploadButton: true,
        sendBoxButtonColor: config.accent,
        suggestedActionLayout: 'stacked',
      },
    },
    document.getElementById('webchat'),
  );
  var input = document.querySelector('#webchat input, #webchat textarea');
  if (input) input.setAttribute('aria-label', texts.input);
})();
