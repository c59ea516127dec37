import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, renderTemplate, topicPhrase } from './drafts.js';

describe('message drafts', () => {
  it('fills what Tend knows', () => {
    const text = renderTemplate(DEFAULT_TEMPLATES.thank_you, {
      firstName: 'Raj',
      fullName: 'Raj Patel',
      metAt: 'DevConf',
      lastTopic: 'payments in Rust',
      interest: 'Rust',
    });
    expect(text).toContain('Hi Raj,');
    expect(text).toContain('meet at DevConf.');
    expect(text).toContain('conversation about payments in Rust.');
    expect(text).toContain('how things go with Rust.');
  });

  it('drops optional parts whose facts are unknown, never leaving holes', () => {
    const text = renderTemplate(DEFAULT_TEMPLATES.thank_you, { firstName: 'Li', fullName: 'Li Wei' });
    expect(text).toContain('Thank you for taking the time to meet. I really enjoyed our conversation.');
    expect(text).not.toMatch(/\{\{|\[\[|at \.| about \./);
  });

  it('joins topics and ignores unknown placeholders', () => {
    expect(
      renderTemplate('{{topics}}|{{nope}}|[[x {{nope}}]]', { firstName: 'A', fullName: 'A', topics: ['a', 'b', 'c'] }),
    ).toBe('a, b and c||');
  });

  it('turns a summary into a phrase', () => {
    expect(topicPhrase('Coffee, talked about her Rust migration.')).toBe('her Rust migration');
    expect(topicPhrase('Quarterly planning')).toBe('Quarterly planning');
    expect(topicPhrase('  ')).toBeNull();
  });
});
