import { adminOrOwner, facultyOrOwner } from './access';

const admin = { id: 'a', role: 'ADMIN' } as const;
const faculty = { id: 'f', role: 'FACULTY' } as const;
const student = { id: 's', role: 'STUDENT' } as const;

/** What `run` throws; undefined when it returns. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('owner rules', () => {
  test('the privileged role reaches everyone; anyone else only what they own', () => {
    expect(adminOrOwner.allows(admin, 'someone')).toBe(true);
    expect(adminOrOwner.allows(faculty, 'someone')).toBe(false);
    expect(adminOrOwner.allows(faculty, 'f')).toBe(true);
    expect(facultyOrOwner.allows(faculty, 'someone')).toBe(true);
    expect(facultyOrOwner.allows(admin, 'someone')).toBe(false);
  });

  test('any of several owners; a missing owner never matches', () => {
    expect(adminOrOwner.allows(student, 'reporter', 's')).toBe(true);
    expect(adminOrOwner.allows(student, null, undefined)).toBe(false);
  });

  test('lists: everyone for the privileged role, else the caller', () => {
    expect(adminOrOwner.ownerFilter(admin)).toBeUndefined();
    expect(adminOrOwner.ownerFilter(student)).toBe('s');
    expect(facultyOrOwner.ownerFilter(faculty)).toBeUndefined();
  });

  test('require refuses with FORBIDDEN and the message', () => {
    expect(thrownBy(() => facultyOrOwner.require(student, 'other', 'You may cancel only your own bookings'))).toMatchObject({
      message: 'You may cancel only your own bookings',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(() => facultyOrOwner.require(student, 's', 'no')).not.toThrow();
  });
});
