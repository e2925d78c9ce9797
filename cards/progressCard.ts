import { type Attachment, CardFactory } from 'botbuilder';

/**
 * The progress charts as images. The summary travels as the message text
 * beside the card and as each image's alternative text, so a person who
 * cannot see the charts, or a channel without cards, gets the same information.
 */
export function progressCard(summary: string, pngImages: string[]): Attachment {
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: pngImages.map((png) => ({ type: 'Image', url: `data:image/png;base64,${png}`, altText: summary, size: 'Stretch' })),
  });
}
