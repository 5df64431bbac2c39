// The event hub: a listener that throws neither stops the others nor goes unheard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventHub } from '../../../main/app/event-hub.ts';

const notice = (text: string) => ({ level: 'info', text }) as const;

test('a throwing listener is logged once, and the listeners after it still hear every event', () => {
  const logged: string[] = [];
  const hub = new EventHub((line) => logged.push(line));
  const heard: string[] = [];
  hub.on('notice', () => {
    throw new Error('the page has disconnected');
  });
  hub.on('notice', (n) => heard.push(n.text));
  hub.emit('notice', notice('one'));
  hub.emit('notice', notice('two'));
  assert.deepEqual(heard, ['one', 'two']);
  assert.deepEqual(logged, [
    "A listener of 'notice' events failed (the page has disconnected); it stays subscribed, further failures of it are not logged.",
  ]);
});

test('each broken listener is logged on its own first failure', () => {
  const logged: string[] = [];
  const hub = new EventHub((line) => logged.push(line));
  hub.on('notice', () => {
    throw new Error('first');
  });
  hub.emit('notice', notice('a'));
  hub.on('notice', () => {
    throw 'not an Error';
  });
  hub.emit('notice', notice('b'));
  assert.equal(logged.length, 2);
  assert.match(logged[0], /failed \(first\)/);
  assert.match(logged[1], /failed \(not an Error\)/);
});
