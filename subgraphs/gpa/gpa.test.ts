import { AppError } from '../../lib/errors';
import { calculateGpa, GRADE_POINTS, roundedQuotient } from './gpa';

function failure(run: () => unknown): { code: unknown; message: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { code: (error as AppError).extensions.code, message: (error as AppError).message };
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('calculateGpa arithmetic', () => {
  test('weights each class: sum(points × weight) / sum(weight)', () => {
    expect(
      calculateGpa([
        { grade: 'A', weight: 3 },
        { grade: 'B', weight: 1 },
      ]),
    ).toEqual({ gpa: 3.75, totalWeight: 4, classCount: 2 });
  });

  test('mixes numeric GPAs and letter grades', () => {
    expect(
      calculateGpa([
        { gpa: 3.3, weight: 2 },
        { grade: 'C+', weight: 1 },
      ]),
    ).toEqual({ gpa: 2.97, totalWeight: 3, classCount: 2 });
  });

  test('every letter maps to the 4.0 scale', () => {
    expect(GRADE_POINTS).toEqual({ A: 4, 'A-': 3.7, 'B+': 3.3, B: 3, 'B-': 2.7, 'C+': 2.3, C: 2, 'C-': 1.7, 'D+': 1.3, D: 1, 'D-': 0.7, F: 0 });
    for (const [grade, points] of Object.entries(GRADE_POINTS)) {
      expect(calculateGpa([{ grade, weight: 2 }]).gpa).toBe(points);
    }
  });

  test('letters are read case-insensitively and without surrounding spaces', () => {
    expect(calculateGpa([{ grade: ' b+ ', weight: 1 }]).gpa).toBe(3.3);
  });

  test('the bounds 0.0 and 4.0 are valid', () => {
    expect(
      calculateGpa([
        { gpa: 0, weight: 1 },
        { gpa: 4, weight: 1 },
      ]).gpa,
    ).toBe(2);
  });

  test('100 classes are accepted and summed without drift', () => {
    const classes = Array.from({ length: 100 }, () => ({ gpa: 3.1, weight: 3 }));
    expect(calculateGpa(classes)).toEqual({ gpa: 3.1, totalWeight: 300, classCount: 100 });
  });
});

describe('rounding to 2 decimals', () => {
  test('halves round up, as on paper, despite binary floating point', () => {
    // 10.7 / 4 = 2.675 exactly; the double nearest 2.675 is 2.67499999…
    expect(roundedQuotient(10_700_000, 4_000_000)).toBe(2.68);
    expect(
      calculateGpa([
        { gpa: 2.7, weight: 3 },
        { gpa: 2.6, weight: 1 },
      ]).gpa,
    ).toBe(2.68);
    expect(calculateGpa([{ gpa: 1.005, weight: 1 }]).gpa).toBe(1.01);
  });

  test('thirds round down and up as they should', () => {
    expect(
      calculateGpa([
        { grade: 'A', weight: 1 },
        { grade: 'B', weight: 2 },
      ]).gpa,
    ).toBe(3.33);
    expect(
      calculateGpa([
        { grade: 'A', weight: 2 },
        { grade: 'B', weight: 1 },
      ]).gpa,
    ).toBe(3.67);
  });

  test('a GPA given with many decimals is rounded in the result', () => {
    expect(calculateGpa([{ gpa: 3.14159, weight: 1 }]).gpa).toBe(3.14);
  });
});

describe('every invalid input is BAD_USER_INPUT naming the argument', () => {
  test.each([
    ['classes', []],
    ['classes', Array.from({ length: 101 }, () => ({ grade: 'A', weight: 1 }))],
    ['classes[0].weight', [{ grade: 'A', weight: 0 }]],
    ['classes[0].weight', [{ grade: 'A', weight: 4 }]],
    ['classes[0].weight', [{ grade: 'A', weight: 1.5 }]],
    [
      'classes[1].gpa',
      [
        { grade: 'A', weight: 1 },
        { gpa: -0.1, weight: 1 },
      ],
    ],
    ['classes[0].gpa', [{ gpa: 4.01, weight: 1 }]],
    ['classes[0].gpa', [{ gpa: Number.NaN, weight: 1 }]],
    ['classes[0].gpa', [{ gpa: Number.POSITIVE_INFINITY, weight: 1 }]],
    ['classes[0].grade', [{ grade: 'E', weight: 1 }]],
    ['classes[0].grade', [{ grade: 'A+', weight: 1 }]],
    ['classes[0].grade', [{ grade: '', weight: 1 }]],
    ['classes[0]', [{ gpa: 3, grade: 'A', weight: 1 }]],
    ['classes[0]', [{ weight: 1 }]],
  ])('%s', (argument, classes) => {
    const { code, message } = failure(() => calculateGpa(classes));
    expect(code).toBe('BAD_USER_INPUT');
    expect(message.startsWith(`${argument}:`)).toBe(true);
  });
});
