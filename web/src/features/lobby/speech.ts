// The display board's voice: a two-tone chime (Web Audio) and a spoken call in Chinese (browser
// speech synthesis). Both are optional in a browser: a TV browser without them still shows calls.
// Browsers only play sound after a gesture on the page, so the board asks for one tap at start-up.

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Reads a ticket digit by digit ("A012" → "A 零 一 二"), as bank lobbies call them. */
export function spellTicket(ticketNo: string): string {
  return [...ticketNo].map((ch) => (/\d/.test(ch) ? DIGITS[Number(ch)] : ch.toUpperCase())).join(' ');
}

/** "请 A 零 一 二 号 到 3号窗口 办理业务"; the counter's own label is read as it is written. */
export function callText(ticketNo: string, counterLabel: string, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (lang === 'en') return `Ticket ${[...ticketNo].join(' ')}, please go to counter ${counterLabel}`;
  return `请 ${spellTicket(ticketNo)} 号 到 ${counterLabel} 办理业务`;
}

type AudioCtor = typeof AudioContext;
let audio: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (audio) return audio;
  const w = window as Window & { webkitAudioContext?: AudioCtor };
  const Ctor: AudioCtor | undefined = window.AudioContext ?? w.webkitAudioContext;
  if (!Ctor) return null;
  try {
    audio = new Ctor();
  } catch {
    audio = null;
  }
  return audio;
}

/** Call from a click: unlocks audio and speech for the rest of the page's life. */
export function unlockSound(): boolean {
  const ctx = audioContext();
  if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  if (speechAvailable()) {
    // An empty utterance inside the gesture lets later ones play without one (Chrome, Safari).
    try {
      window.speechSynthesis.speak(new SpeechSynthesisUtterance(''));
    } catch {
      /* some TV browsers throw here; the chime still works */
    }
  }
  return ctx !== null || speechAvailable();
}

export function speechAvailable(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof window.SpeechSynthesisUtterance === 'function';
}

/** Ding-dong: two sine tones, 0.9 s in all. Resolves when it has finished (or at once without audio). */
export function chime(): Promise<void> {
  const ctx = audioContext();
  if (!ctx || ctx.state !== 'running') return Promise.resolve();
  const tone = (freq: number, start: number, len: number) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, ctx.currentTime + start);
    gain.gain.exponentialRampToValueAtTime(0.35, ctx.currentTime + start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + start + len);
    osc.connect(gain).connect(ctx.destination);
    osc.start(ctx.currentTime + start);
    osc.stop(ctx.currentTime + start + len + 0.05);
  };
  tone(880, 0, 0.45);
  tone(660, 0.42, 0.5);
  return new Promise((r) => setTimeout(r, 950));
}

function chineseVoice(): SpeechSynthesisVoice | undefined {
  const voices = window.speechSynthesis.getVoices();
  return voices.find((v) => v.lang === 'zh-CN') ?? voices.find((v) => v.lang.toLowerCase().startsWith('zh'));
}

/** Speaks the text in Chinese (twice, as lobbies do); silently does nothing without speech synthesis. */
export function speak(text: string, times = 2): void {
  if (!speechAvailable()) return;
  try {
    for (let i = 0; i < times; i++) {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = 'zh-CN';
      u.rate = 0.9;
      const v = chineseVoice();
      if (v) u.voice = v;
      window.speechSynthesis.speak(u);
    }
  } catch {
    /* a broken speech engine must not break the board */
  }
}

/** Calls one after another, so that two counters calling at once are both heard. */
export class CallAnnouncer {
  private queue: string[] = [];
  private busy = false;
  enabled = false;

  announce(text: string): void {
    if (!this.enabled) return;
    this.queue.push(text);
    if (this.queue.length > 6) this.queue.splice(0, this.queue.length - 6);
    void this.next();
  }

  private async next(): Promise<void> {
    if (this.busy) return;
    const text = this.queue.shift();
    if (text === undefined) return;
    this.busy = true;
    await chime();
    speak(text);
    // Give the voice time to finish before the next chime (about 4 s for two readings).
    await new Promise((r) => setTimeout(r, speechAvailable() ? 4_500 : 300));
    this.busy = false;
    void this.next();
  }
}
