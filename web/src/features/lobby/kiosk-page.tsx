// The check-in kiosk (取号机): a touch screen in the lobby, signed in by the outlet's lobby staff
// device. Identify (card / mobile / resident ID, or anonymous) → choose the business → the amount
// for cash business → a ticket with zone and estimated wait, or self-service guidance.
// Full screen, outside the app frame; returns to the start by itself after a while.
// data-testid: kiosk, kiosk-id-<kind>, kiosk-anonymous, kiosk-input, kiosk-key-<k>, kiosk-next,
// kiosk-business-<code>, kiosk-amount, kiosk-submit, kiosk-ticket, kiosk-ticket-no, kiosk-zone,
// kiosk-wait, kiosk-ahead, kiosk-greeting, kiosk-guidance, kiosk-done, kiosk-back, kiosk-error
import { useEffect, useState } from 'react';
import { Alert, Button, Input, Spin } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ZONE_KIND_LABELS, type BusinessType, type CheckInResult } from '@contracts/lobby';
import { errorText } from '../../app/api';
import { useBi, useLang, useNamePick } from '../../app/lang';
import { useBusinessTypes, useCheckIn, useSetup } from './api';
import { shanghaiClock, shanghaiTime, useNow, useOutletChoice } from './shared';
import './lobby.css';

type IdKind = 'card' | 'mobile' | 'residentId' | 'customerNo';
type Step = { s: 'identify' } | { s: 'input'; kind: IdKind } | { s: 'business' } | { s: 'amount'; business: BusinessType } | { s: 'result'; result: CheckInResult };

const ID_KINDS: IdKind[] = ['card', 'mobile', 'residentId'];
const MAX_LEN: Record<IdKind, number> = { card: 19, mobile: 11, residentId: 18, customerNo: 20 };
const RESET_AFTER_MS = 45_000;

function Keypad({ onKey, withX }: { onKey: (k: string) => void; withX: boolean }) {
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', withX ? 'X' : '.', '0', '⌫'];
  return (
    <div className="kiosk-keypad">
      {keys.map((k) => (
        <Button key={k} size="large" onClick={() => onKey(k)} data-testid={`kiosk-key-${k === '⌫' ? 'del' : k}`}>
          {k}
        </Button>
      ))}
    </div>
  );
}

export function KioskPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const bi = useBi();
  const pick = useNamePick();
  const now = useNow();
  const choice = useOutletChoice();
  const types = useBusinessTypes();
  const setup = useSetup(choice.branchId);
  const checkIn = useCheckIn();
  const navigate = useNavigate();
  // Opened from the lobby manager's console (checking a customer in on the tablet): a way back, and
  // the ticket counts as issued by the lobby manager rather than by the kiosk.
  const [params] = useSearchParams();
  const fromConsole = params.get('from') === 'console';
  const [step, setStep] = useState<Step>({ s: 'identify' });
  const [identify, setIdentify] = useState<{ kind: IdKind; value: string } | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(0);

  const restart = () => {
    setStep({ s: 'identify' });
    setIdentify(null);
    setValue('');
    setError(null);
  };

  // A kiosk left mid-way (or showing a ticket) goes back to the start for the next customer.
  useEffect(() => {
    if (step.s === 'identify') return;
    const id = setTimeout(restart, step.s === 'result' ? 20_000 : RESET_AFTER_MS);
    return () => clearTimeout(id);
  }, [step, touched]);

  const touch = () => setTouched((n) => n + 1);
  const key = (k: string, max: number) => {
    touch();
    setError(null);
    if (k === '⌫') setValue((v) => v.slice(0, -1));
    else setValue((v) => (v.length >= max ? v : v + k));
  };

  const submit = async (business: BusinessType, amount?: string) => {
    setError(null);
    try {
      const result = await checkIn.mutateAsync({
        branchId: choice.branchId ?? undefined,
        identify: identify ?? undefined,
        businessCode: business.code,
        amount,
        channel: fromConsole ? 'lobby' : 'kiosk',
        note: '',
      });
      setStep({ s: 'result', result });
      setValue('');
    } catch (e) {
      setError(errorText(e, lang));
    }
  };

  const zoneName = (code: string, kind: keyof typeof ZONE_KIND_LABELS) => {
    const z = setup.data?.zones.find((x) => x.code === code);
    return z ? pick(z.nameZh, z.nameEn) : bi(ZONE_KIND_LABELS[kind]);
  };

  const active = (types.data ?? []).filter((b) => b.active).sort((a, b) => a.sortOrder - b.sortOrder);

  let body: React.ReactNode;
  if (step.s === 'identify') {
    body = (
      <>
        <h2 className="kiosk-step-title">{t('lobby.kiosk.welcome')}</h2>
        <div className="kiosk-grid" style={{ maxWidth: 900 }}>
          {ID_KINDS.map((k) => (
            <Button
              key={k}
              className="kiosk-btn"
              type="primary"
              onClick={() => {
                touch();
                setValue('');
                setStep({ s: 'input', kind: k });
              }}
              data-testid={`kiosk-id-${k}`}
            >
              {t(`lobby.kiosk.id.${k}`)}
              <span className="kiosk-btn-sub">{t(`lobby.kiosk.idHint.${k}`)}</span>
            </Button>
          ))}
          <Button
            className="kiosk-btn"
            onClick={() => {
              touch();
              setIdentify(null);
              setStep({ s: 'business' });
            }}
            data-testid="kiosk-anonymous"
          >
            {t('lobby.kiosk.anonymous')}
            <span className="kiosk-btn-sub">{t('lobby.kiosk.anonymousHint')}</span>
          </Button>
        </div>
      </>
    );
  } else if (step.s === 'input') {
    const kind = step.kind;
    const valid =
      kind === 'mobile' ? /^1\d{10}$/.test(value) : kind === 'residentId' ? /^\d{17}[\dX]$/.test(value) : value.length >= (kind === 'card' ? 12 : 4);
    body = (
      <>
        <h2 className="kiosk-step-title">{t(`lobby.kiosk.enter.${kind}`)}</h2>
        <Input
          className="kiosk-input"
          style={{ maxWidth: 560 }}
          value={value}
          inputMode="numeric"
          autoFocus
          onChange={(e) => {
            touch();
            setValue(e.target.value.replace(/[^\dXx]/g, '').toUpperCase().slice(0, MAX_LEN[kind]));
          }}
          onPressEnter={() => {
            if (!valid) return;
            setIdentify({ kind, value });
            setStep({ s: 'business' });
          }}
          data-testid="kiosk-input"
        />
        <Keypad onKey={(k) => key(k, MAX_LEN[kind])} withX={kind === 'residentId'} />
        <div className="kiosk-footer">
          <Button onClick={restart} data-testid="kiosk-back">
            {t('lobby.kiosk.back')}
          </Button>
          <Button
            type="primary"
            disabled={!valid}
            onClick={() => {
              setIdentify({ kind, value });
              setStep({ s: 'business' });
            }}
            data-testid="kiosk-next"
          >
            {t('lobby.kiosk.next')}
          </Button>
        </div>
      </>
    );
  } else if (step.s === 'business') {
    body = (
      <>
        <h2 className="kiosk-step-title">{t('lobby.kiosk.chooseBusiness')}</h2>
        {types.isPending ? <Spin size="large" /> : null}
        <div className="kiosk-grid">
          {active.map((b) => (
            <Button
              key={b.code}
              className="kiosk-btn"
              type={b.selfService ? 'default' : 'primary'}
              ghost={false}
              loading={checkIn.isPending && checkIn.variables?.businessCode === b.code}
              onClick={() => {
                touch();
                if (b.needsAmount) {
                  setValue('');
                  setStep({ s: 'amount', business: b });
                } else void submit(b);
              }}
              data-testid={`kiosk-business-${b.code}`}
            >
              {pick(b.nameZh, b.nameEn)}
              <span className="kiosk-btn-sub">{b.selfService ? t('lobby.kiosk.selfService') : bi(ZONE_KIND_LABELS[b.defaultZone])}</span>
            </Button>
          ))}
        </div>
        <div className="kiosk-footer">
          <Button onClick={restart} data-testid="kiosk-back">
            {t('lobby.kiosk.back')}
          </Button>
        </div>
      </>
    );
  } else if (step.s === 'amount') {
    const b = step.business;
    const ok = /^\d{1,15}(\.\d{1,2})?$/.test(value);
    body = (
      <>
        <h2 className="kiosk-step-title">{t('lobby.kiosk.amount', { business: pick(b.nameZh, b.nameEn) })}</h2>
        <Input className="kiosk-input" style={{ maxWidth: 460 }} value={value} readOnly suffix={t('lobby.kiosk.yuan')} data-testid="kiosk-amount" />
        <Keypad onKey={(k) => key(k, 12)} withX={false} />
        <div className="kiosk-footer">
          <Button onClick={() => setStep({ s: 'business' })} data-testid="kiosk-back">
            {t('lobby.kiosk.back')}
          </Button>
          <Button type="primary" disabled={!ok} loading={checkIn.isPending} onClick={() => void submit(b, value)} data-testid="kiosk-submit">
            {t('lobby.kiosk.takeTicket')}
          </Button>
        </div>
      </>
    );
  } else {
    const r = step.result;
    const greeting = r.customer ? (
      <div className="kiosk-ticket-line" data-testid="kiosk-greeting" data-vip={r.customer.vip ? 'true' : 'false'}>
        {t('lobby.kiosk.greeting', { name: r.customer.name, tier: pick(r.customer.tierNameZh, r.customer.tierNameEn) })}
      </div>
    ) : null;
    body =
      r.kind === 'ticket' ? (
        <>
          <h2 className="kiosk-step-title">{t('lobby.kiosk.ticketTaken')}</h2>
          <div className="kiosk-ticket" data-testid="kiosk-ticket" data-ticket-id={r.ticket.id}>
            {greeting}
            <div className="kiosk-ticket-no" data-testid="kiosk-ticket-no">
              {r.ticket.number}
            </div>
            <div className="kiosk-ticket-line" data-testid="kiosk-zone">
              {t('lobby.kiosk.goTo', { zone: zoneName(r.ticket.zoneCode, r.ticket.zoneKind) })}
            </div>
            <div className="kiosk-ticket-line" data-testid="kiosk-ahead">
              {t('lobby.kiosk.ahead', { n: r.ahead })}
            </div>
            <div className="kiosk-ticket-line" data-testid="kiosk-wait">
              {t('lobby.kiosk.estimatedWait', { n: r.estimatedWaitMinutes })}
            </div>
            {r.vipRoomOffered ? (
              <Alert style={{ marginTop: 16, fontSize: 20 }} type="success" showIcon title={t('lobby.kiosk.vipRoom')} data-testid="kiosk-vip-room" />
            ) : null}
            <div className="kiosk-ticket-line" style={{ fontSize: 18, opacity: 0.7 }}>
              {r.ticket.day} {shanghaiTime(r.ticket.arrivedAt)}
            </div>
          </div>
        </>
      ) : (
        <>
          <h2 className="kiosk-step-title">{t('lobby.kiosk.guidanceTitle')}</h2>
          <div className="kiosk-ticket" data-testid="kiosk-guidance">
            {greeting}
            <div className="kiosk-ticket-line" style={{ fontSize: 30 }}>
              {lang === 'en' ? r.messageEn : r.messageZh}
            </div>
          </div>
        </>
      );
    body = (
      <>
        {body}
        <div className="kiosk-footer">
          <Button type="primary" onClick={restart} data-testid="kiosk-done">
            {t('lobby.kiosk.done')}
          </Button>
        </div>
      </>
    );
  }

  return (
    <div className="kiosk" data-testid="kiosk" data-step={step.s} onPointerDown={touch}>
      <header className="kiosk-header">
        <h1>{t('lobby.kiosk.title')}</h1>
        <span>{choice.outlet?.branchName ?? ''}</span>
        <span className="kiosk-clock">
          {fromConsole ? (
            <Button ghost style={{ marginInlineEnd: 16 }} onClick={() => navigate(-1)} data-testid="kiosk-exit">
              {t('lobby.kiosk.exit')}
            </Button>
          ) : null}
          {shanghaiClock(now, lang)}
        </span>
      </header>
      <main className="kiosk-body">
        {error ? (
          <Alert type="error" showIcon title={error} style={{ fontSize: 20, maxWidth: 800, width: '100%' }} data-testid="kiosk-error" />
        ) : null}
        {body}
      </main>
    </div>
  );
}
