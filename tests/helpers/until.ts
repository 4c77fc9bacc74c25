/** Polls until `check` gives a value (the jest timeout bounds it); the pause only spares the shared CPU. */
export async function until<T>(check: () => Promise<T | undefined | null | false>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
