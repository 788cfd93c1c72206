import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';
import { fold } from './read-intent.js';

describe('detectLanguage', () => {
  it.each([
    ['en', 'We would like to know whether the export is ready and when you can send it.'],
    [
      'de',
      'Wir haben die Unterlagen noch nicht erhalten, können Sie uns bitte den Stand mitteilen?',
    ],
    ['fr', 'Nous avons bien reçu votre message et nous revenons vers vous avec les documents.'],
    ['es', 'Hemos recibido los documentos y estamos revisando el contrato con el equipo.'],
    [
      'it',
      'Abbiamo ricevuto il vostro messaggio e vi risponderemo con tutti i dettagli della proposta.',
    ],
    ['nl', 'Wij hebben uw bericht ontvangen en komen er graag op terug met de stukken.'],
    ['pt', 'Recebemos a sua mensagem e estamos analisando os documentos com a nossa equipe.'],
  ])('recognises %s from its frequent words', (language, text) => {
    expect(detectLanguage(fold(text))?.language).toBe(language);
  });

  it('names the words that decided, most frequent first, and how many it found', () => {
    expect(detectLanguage('konnen sie uns bitte ein angebot schicken, bitte')).toEqual({
      language: 'de',
      evidence: ['bitte', 'konnen', 'sie', 'uns', 'ein'],
      count: 6,
    });
  });

  it('gives no guess for text without any marker word', () => {
    expect(detectLanguage('threadline 2025 q3 crm')).toBeUndefined();
    expect(detectLanguage('')).toBeUndefined();
  });
});
