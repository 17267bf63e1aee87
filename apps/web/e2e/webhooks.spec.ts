import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemberThroughApi, expect, login, NEW_PASSWORD, signUpTenant, test, uniqueEmail } from './fixtures';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1 that records every request and answers 200. */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('received-by-e2e');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, server };
}

function signatureMatches(secret: string, { headers, body }: Received): boolean {
  const header = String(headers['x-webhook-signature'] ?? '');
  const t = /t=(\d+)/.exec(header)?.[1];
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return [...header.matchAll(/v1=([0-9a-f]+)/g)].some((match) => match[1] === expected);
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

// Each test has a tenant of its own: no other test's event (a member joining, say) reaches its endpoints.
test('an owner adds an endpoint, sends a test event, inspects and replays the delivery', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Webhooks');
  const receiver = await startReceiver();
  try {
    await login(page, tenant.ownerEmail, NEW_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('button', { name: 'Add endpoint' }).click();

    const dialog = page.getByRole('dialog', { name: 'Add webhook endpoint' });
    await dialog.getByLabel('Endpoint URL').fill(receiver.url);
    await dialog.getByRole('combobox', { name: 'Events' }).click();
    await page.getByRole('option', { name: /^webhook\.test/ }).click();
    await page.getByRole('option', { name: /^member\.joined/ }).click();
    await dialog.getByLabel('Description').fill('E2E receiver');
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();

    // The secret is shown once, with a copy button.
    const reveal = page.getByRole('dialog', { name: 'Endpoint added' });
    await expect(reveal).toContainText('only time the secret is shown');
    const secret = (await reveal.getByTestId('revealed-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await reveal.getByRole('button', { name: 'Copy' }).click();
    await expect(reveal.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await reveal.getByRole('button', { name: 'I have stored the secret' }).click();

    // The endpoint page; the secret is nowhere on it.
    await expect(page).toHaveURL(/\/webhooks\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { name: 'Webhook endpoint' })).toBeVisible();
    await expect(page.getByText(receiver.url)).toBeVisible();
    await expect(page.getByText(secret)).toHaveCount(0);

    await page.getByRole('button', { name: 'Send test event' }).click();
    const row = page.getByTestId('webhook-delivery-row').first();
    await expect(row).toContainText('webhook.test');
    await expect(row.getByTestId('status-badge')).toHaveText('succeeded', { timeout: 20_000 });
    await expect(row).toContainText('200');

    await row.getByRole('button', { name: 'Details' }).click();
    const drawer = page.getByRole('dialog', { name: 'Delivery' });
    await expect(drawer.getByTestId('delivery-response-status')).toHaveText('200');
    await expect(drawer.getByTestId('delivery-response-body')).toHaveText('received-by-e2e');
    await expect(drawer.getByTestId('delivery-request-body')).toContainText('"type": "webhook.test"');
    await expect(drawer).toContainText(/x-webhook-signature/i);
    await expect(drawer).toContainText('Attempt 1 · 200');

    // A replay is a new delivery of the same event; the drawer follows it until it lands.
    await drawer.getByRole('button', { name: 'Replay' }).click();
    await expect(page.getByText('Delivery queued again.')).toBeVisible();
    await expect(drawer.getByTestId('status-badge')).toHaveText('succeeded', { timeout: 20_000 });
    await expect(drawer).toContainText('Attempt 1 · 200');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('webhook-delivery-row').getByTestId('status-badge')).toHaveText(['succeeded', 'succeeded'], { timeout: 20_000 });

    // The status filter narrows the log.
    const statusFilter = page.getByRole('radiogroup', { name: 'Filter deliveries by status' });
    await statusFilter.getByText('Dead', { exact: true }).click();
    await expect(page.getByText('No dead deliveries')).toBeVisible();
    await statusFilter.getByText('Succeeded', { exact: true }).click();
    await expect(page.getByTestId('webhook-delivery-row')).toHaveCount(2);

    // The receiver got the test event and its replay: same event id, both signed with the secret.
    expect(receiver.received).toHaveLength(2);
    const [first, replay] = receiver.received;
    expect(JSON.parse(first.body).type).toBe('webhook.test');
    expect(replay.headers['x-webhook-id']).toBe(first.headers['x-webhook-id']);
    expect(signatureMatches(secret, first)).toBe(true);
    expect(signatureMatches(secret, replay)).toBe(true);
  } finally {
    receiver.server.close();
  }
});

test('a member without webhooks:write sees endpoints but no way to change them', async ({ page, request }) => {
  const tenant = await signUpTenant(request, 'Webhooks read-only');
  const created = await request.post('/api/v1/webhook-endpoints', {
    headers: { Authorization: `Bearer ${tenant.token}` },
    data: { url: 'http://127.0.0.1:9/e2e-read-only', eventTypes: ['member.joined'], description: 'Read-only check' },
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  const endpoint = (await created.json()) as { id: string };

  const email = uniqueEmail('webhooks-support');
  await createMemberThroughApi(request, tenant, email, ['support']);
  await login(page, email, NEW_PASSWORD);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('heading', { name: 'Webhooks' })).toBeVisible();
  await expect(page.getByTestId('webhook-endpoint-row').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add endpoint' })).toHaveCount(0);

  await page.goto(`/webhooks/${endpoint.id}`);
  await expect(page.getByText('http://127.0.0.1:9/e2e-read-only')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Deliveries' })).toBeVisible();
  for (const name of ['Send test event', 'Edit', 'Rotate secret', 'Disable', 'Delete']) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
});
