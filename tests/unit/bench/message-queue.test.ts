import { messageQueue } from '../../../bench/turns';

describe('messageQueue (how both ends of a turn-taking worker read their messages)', () => {
  it('answers queued messages in order, and waits for one not yet come', async () => {
    const queue = messageQueue<number>();
    queue.push(1);
    queue.push(2);
    expect(await queue.next()).toBe(1);
    expect(await queue.next()).toBe(2);
    const waiting = queue.next();
    queue.push(3);
    expect(await waiting).toBe(3);
  });

  it('rejects waiting and later reads with the closing error, after what was queued', async () => {
    const queue = messageQueue<string>();
    const waiting = queue.next();
    queue.close(new Error('worker exited with code 1 before answering'));
    await expect(waiting).rejects.toThrow('exited with code 1');
    await expect(queue.next()).rejects.toThrow('exited with code 1');

    const other = messageQueue<string>();
    other.push('result');
    other.close(new Error('gone'));
    expect(await other.next()).toBe('result');
    await expect(other.next()).rejects.toThrow('gone');
  });
});
