// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CallCard } from './CallCard';

afterEach(cleanup);

describe('CallCard supervision path', () => {
  it('shows the observer path for calls followed through the remote session', () => {
    render(<CallCard call={{ room: 'r1', supervision: 'observer' }} />);
    expect(screen.getByTestId('supervision').textContent).toBe('observer');
    expect(screen.getByTestId('supervision').getAttribute('title')).toContain('unmodified');
  });

  it('calls that did not say post their own events over HTTP', () => {
    render(<CallCard call={{ room: 'r2' }} />);
    expect(screen.getByTestId('supervision').textContent).toBe('http');
  });
});
