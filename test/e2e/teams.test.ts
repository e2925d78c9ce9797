import { describe, expect, it } from 'vitest';
import { staffApi, useServiceWithChannel } from '../support/app.js';
import { ChannelUser } from '../support/standInChannel.js';

describe('caseworkers in Teams', () => {
  const service = useServiceWithChannel();

  it('when a caseworker writes from Teams with their Azure AD object id, then they are recognised without a code', async () => {
    const { app, channel } = service;
    await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: 'mette@example.dk', aadObjectId: '0f0e0d0c-0b0a-4090-8070-605040302010' } });
    const mette = new ChannelUser(app.url, channel, '29:mette', 'a:teams-mette', 'da-DK', { channelId: 'msteams', aadObjectId: '0f0e0d0c-0b0a-4090-8070-605040302010' });
    expect((await mette.say('hej'))[0]).toBe('Hej Mette Holm. Du er nu forbundet som medarbejder. Beskeder fra dine borgere kommer her.');
    expect((await mette.say('hej igen'))[0]).toMatch(/Du er forbundet som medarbejder/);
  });

  it('when Teams knows the caseworker by e-mail, then the staff record with that e-mail is linked', async () => {
    const { app, channel } = service;
    await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Ole Berg', email: 'ole@example.dk' } });
    channel.members.set('29:ole', { email: 'Ole@Example.dk' });
    const ole = new ChannelUser(app.url, channel, '29:ole', 'a:teams-ole', 'da-DK', { channelId: 'msteams', aadObjectId: 'ffffffff-0000-4000-8000-000000000000' });
    expect((await ole.say('hej'))[0]).toMatch(/^Hej Ole Berg\. Du er nu forbundet som medarbejder/);
  });

  it('when someone in Teams is not staff, then they are welcomed and told about codes like anyone else', async () => {
    const { app, channel } = service;
    const citizen = new ChannelUser(app.url, channel, '29:anna', 'a:teams-anna', 'da-DK', { channelId: 'msteams' });
    expect((await citizen.say('hej'))[0]).toMatch(/Du skal bruge en kode/);
  });
});
